#!/usr/bin/env bash
# Reproducible builds: builds the release a second time from clean (.ci/release.sh into a second
# directory) and compares it with the first, file by file: every published jar and POM must be
# byte-identical (sha256). Lists the ones that differ and exits 1.
# Usage: .ci/reproducible.sh FIRST_REPOSITORY [JDK25_HOME]   (FIRST_REPOSITORY: made by .ci/release.sh)
set -euo pipefail

repo_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
first="$(readlink -f "${1:?usage: .ci/reproducible.sh FIRST_REPOSITORY [JDK25_HOME]}")"
jdk25="${2:-/usr/lib/jvm/temurin-25-jdk-amd64}"
second="$(mktemp -d /tmp/callgate-rebuild-XXXXXX)"
trap 'rm -rf "$second"' EXIT

"$repo_root/.ci/release.sh" "$second" "$jdk25"

# Checksums of both builds' artifacts, by path inside the repository (maven-metadata.xml and the
# deploy plugin's own checksum files carry deploy times, not build output).
sums() { (cd "$1" && find . -type f \( -name '*.jar' -o -name '*.pom' \) -print0 | sort -z | xargs -0 sha256sum); }
if diff <(sums "$first") <(sums "$second") >"$second.diff"; then
    echo "reproducible.sh: $(sums "$first" | wc -l) published files, byte-identical in two clean builds"
    rm -f "$second.diff"
else
    echo "reproducible.sh: these published files differ between two clean builds of the same commit:" >&2
    cat "$second.diff" >&2
    rm -f "$second.diff"
    exit 1
fi
