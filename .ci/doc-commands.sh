#!/usr/bin/env bash
# Runs every command the documentation shows, so that a stale one fails the build.
#
# Usage: .ci/doc-commands.sh [--jdk DIR] [--jdk22 DIR] [--timeout SECONDS] [--root DIR] [--list] [FILE...]
#        .ci/doc-commands.sh --self-check
#
# A command is a line of a ```bash, ```sh or ```shell fenced block of FILE (default: README.md and
# docs/*.md), with the lines it continues with a trailing backslash; blank lines and lines that
# start with # are not commands. Each distinct command runs once, in document order, from the
# repository's root (--root), with no stdin and at most --timeout seconds (default 1200), on the
# JDK --jdk (default: the JAVA_HOME or java this script finds). "JAVA_HOME=<a JDK 22+>" in a command
# is replaced by --jdk22 (default Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64). A failing
# command is reported as FILE:LINE with its exit status and the end of its output; the script then
# exits 1. A block it must not run has, on the line before its opening fence,
#     <!-- doc-commands: skip: <reason> -->
# and the reason is printed. --list prints the commands and skips without running any.
# --self-check runs this script on a small markdown file with a good, a skipped and a stale command
# and fails unless exactly the stale one is reported, with its line.
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
self="$repo/.ci/doc-commands.sh"
root="$repo"
timeout_s=1200
jdk22=/usr/lib/jvm/temurin-25-jdk-amd64
jdk=""
list=false
files=()

self_check() {
    local dir out rc=0
    dir="$(mktemp -d /tmp/doc-commands-self-check-XXXXXX)"
    cat >"$dir/stale.md" <<'EOF'
# A page

```bash
test -d .                      # passes
echo "a long \
  command"
```

<!-- doc-commands: skip: needs the reader's own application -->
```bash
java -jar yourapp.jar
```

```java
not.a(command);
```

```sh
# a comment, then the stale command on line 20
ls no-such-file-here
```
EOF
    out="$(bash "$self" --root "$dir" --timeout 30 "$dir/stale.md" 2>&1)" || rc=$?
    rm -rf "$dir"
    local expect
    for expect in "$dir/stale.md:20: stale command (exit 2): ls no-such-file-here" \
            "$dir/stale.md:11: skipped: needs the reader's own application" \
            "$dir/stale.md:4: ok" "$dir/stale.md:5: ok" "doc-commands: 3 ran, 1 failed, 1 skipped"; do
        if ! grep -qxF -- "$expect" <<<"$out"; then
            echo "doc-commands --self-check: expected the line \"$expect\"; the checker said:" >&2
            echo "$out" >&2
            return 1
        fi
    done
    if [ "$rc" -ne 1 ]; then
        echo "doc-commands --self-check: a stale command must make the checker exit 1, it exited $rc:" >&2
        echo "$out" >&2
        return 1
    fi
    if grep -q "not.a(command)" <<<"$out"; then
        echo "doc-commands --self-check: a java block was taken for commands:" >&2
        echo "$out" >&2
        return 1
    fi
    echo "doc-commands --self-check: a stale command fails the check with its file and line; skips print their reason"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --jdk) jdk="$2"; shift 2 ;;
        --jdk22) jdk22="$2"; shift 2 ;;
        --timeout) timeout_s="$2"; shift 2 ;;
        --root) root="$2"; shift 2 ;;
        --list) list=true; shift ;;
        --self-check) self_check; exit $? ;;
        -*) echo "doc-commands: unknown option $1; see the usage at the top of $self" >&2; exit 2 ;;
        *) files+=("$1"); shift ;;
    esac
done
if [ ${#files[@]} -eq 0 ]; then
    files=("$repo/README.md" "$repo"/docs/*.md)
fi
if [ -z "$jdk" ]; then
    if [ -n "${JAVA_HOME:-}" ]; then jdk="$JAVA_HOME"; else jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; fi
fi
[ -x "$jdk/bin/java" ] || { echo "doc-commands: no java at $jdk/bin/java; give a JDK with --jdk DIR" >&2; exit 2; }

# Extraction: one NUL-ended record per command, "file:line US skip-reason-or-empty US command" (US, the
# ASCII unit separator, is no whitespace, so an empty reason is kept as a field).
extract() {
    local file="$1" n=0 line in_fence=false runs=false marker="" skip="" cmd="" start=0 trimmed
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        trimmed="${line#"${line%%[![:space:]]*}"}"
        if ! $in_fence; then
            if [[ "$trimmed" =~ ^\`\`\`+[[:space:]]*([A-Za-z0-9_+-]*) ]]; then
                in_fence=true
                case "${BASH_REMATCH[1]}" in bash | sh | shell) runs=true ;; *) runs=false ;; esac
                skip="$marker"
            elif [[ "$trimmed" =~ ^\<\!--[[:space:]]*doc-commands:[[:space:]]*skip:[[:space:]]*(.*[^[:space:]])[[:space:]]*--\>$ ]]; then
                marker="${BASH_REMATCH[1]}"
                continue
            fi
            marker=""
            continue
        fi
        if [[ "$trimmed" =~ ^\`\`\` ]] && [ -z "$cmd" ]; then
            in_fence=false
            continue
        fi
        $runs || continue
        if [ -z "$cmd" ]; then
            [ -z "$trimmed" ] && continue
            [[ "$trimmed" == \#* ]] && continue
            start=$n
        fi
        if [[ "$line" == *\\ ]]; then
            cmd+="$line"$'\n'
            continue
        fi
        cmd+="$line"
        printf '%s:%d\x1f%s\x1f%s\0' "$file" "$start" "$skip" "$cmd"
        cmd=""
    done <"$file"
}

ran=0 failed=0 skipped=0
declare -A done_status=()
log="$(mktemp /tmp/doc-commands-XXXXXX.log)"
trap 'rm -f "$log"' EXIT
for file in "${files[@]}"; do
    [ -f "$file" ] || { echo "doc-commands: no file $file" >&2; exit 2; }
    while IFS=$'\x1f' read -r -d '' where skip cmd; do
        if [ -n "$skip" ]; then
            echo "$where: skipped: $skip"
            skipped=$((skipped + 1))
            continue
        fi
        if $list; then
            echo "$where: $cmd"
            continue
        fi
        if [ -n "${done_status[$cmd]:-}" ]; then
            echo "$where: ${done_status[$cmd]} (the same command as above, not run again)"
            continue
        fi
        run="${cmd//JAVA_HOME=<a JDK 22+>/JAVA_HOME=$jdk22}"
        echo "==== doc-commands: $where: $cmd" >&2
        rc=0
        (cd "$root" && JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" timeout "$timeout_s" bash -c "$run" </dev/null >"$log" 2>&1) || rc=$?
        ran=$((ran + 1))
        if [ "$rc" -eq 0 ]; then
            echo "$where: ok"
            done_status[$cmd]=ok
        else
            why="exit $rc"
            [ "$rc" -eq 124 ] && why="timed out after ${timeout_s}s"
            echo "$where: stale command ($why): $cmd"
            echo "---- its last 40 lines of output:"
            tail -n 40 "$log" | sed 's/^/    /'
            failed=$((failed + 1))
            done_status[$cmd]="failed"
        fi
    done < <(extract "$file")
done
$list && exit 0
echo "doc-commands: $ran ran, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
