#!/usr/bin/env bash
# Builds the Docker images of callgate's Testcontainers matrix without any container registry.
#
# Each row of cells.tsv (next to this script) becomes one image: a Debian root file system made
# by `debootstrap --variant=minbase` with the row's packages, then `docker import`ed. Why this
# way: no registry is reachable (`docker pull` fails) and dockerd runs with --bridge=none, so a
# Dockerfile could not apt-get anything; every package must go in at debootstrap time.
#
# Idempotent: each image carries the label dev.callgate.spec=<sha256 of this script + its row>.
# An image whose label matches is left alone ("cached"); a missing or stale one is rebuilt,
# from a cached rootfs tarball when one with the same hash exists ("imported"), else from
# scratch ("built"). One line per image is printed with the seconds it took.
#
# A cell whose architecture the kernel does not run itself (i386 on a kernel booted without 32-bit
# emulation, arm64 on amd64) is built and run under qemu-user: qemu-binfmt.sh, next to this
# script, asks the kernel and registers Debian's qemu-user-static where it must, one line per
# architecture. Those cells take the longest, so they start first.
#
# Needs: root, a running dockerd (see .ci/start-docker.sh), debootstrap, Debian's mirror, and
# qemu-user-static for a foreign architecture.
# Environment:
#   CALLGATE_IMAGE_CACHE   rootfs tarballs, .deb cache and logs (default /var/cache/callgate-images)
#   CALLGATE_IMAGE_JOBS    images built at once (default: number of cores, at most 4)
#   CALLGATE_DEBIAN_MIRROR Debian mirror URL (default: the one apt is configured with here)
#   CALLGATE_CELLS         only these images, space-separated tags, e.g. "bookworm-amd64"
set -euo pipefail

script_path="$(readlink -f "${BASH_SOURCE[0]}")"
images_dir="$(dirname "$script_path")"
manifest="$images_dir/cells.tsv"
cache="${CALLGATE_IMAGE_CACHE:-/var/cache/callgate-images}"
jobs_max="${CALLGATE_IMAGE_JOBS:-$(nproc)}"
((jobs_max > 4)) && jobs_max=4
spec_label="dev.callgate.spec"

fail() { echo "build-images: ERROR: $*" >&2; exit 1; }

# The mirror apt already uses here, so image builds reach no host that apt does not.
debian_mirror() {
    if [[ -n ${CALLGATE_DEBIAN_MIRROR:-} ]]; then echo "$CALLGATE_DEBIAN_MIRROR"; return; fi
    local uri
    uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }')"
    if [[ -z $uri ]]; then
        uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            sed -E 's/\[[^]]*\]//' |
            awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }')"
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

# Unmounts whatever debootstrap left mounted inside a half-built rootfs, then deletes it.
# --one-file-system: never follow a mount that survived (e.g. /proc) into the host.
remove_rootfs() {
    local dir="$1" m
    [[ -d $dir ]] || return 0
    while read -r m; do umount -l "$m" 2>/dev/null || true; done < <(
        awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
    rm -rf --one-file-system "$dir"
}

current_spec() { docker image inspect -f "{{ index .Config.Labels \"$spec_label\" }}" "$1" 2>/dev/null || true; }

# Makes the rootfs tarball for one cell; runs inside a background job, output goes to its log.
# It is called in an `if !` test, where set -e does not act: every step checks for itself.
make_tarball() {
    local suite="$1" arch="$2" java="$3" packages="$4" tarball="$5" work="$6"
    local debs="$cache/debs/$suite-$arch" names=() name include="" purge=()
    # A leading "-" in the packages column purges a package that debootstrap pulled in
    # (debootstrap --exclude does not drop packages that --include's dependencies bring).
    IFS=, read -ra names <<<"$packages"
    for name in "${names[@]}"; do
        if [[ $name == -* ]]; then purge+=("${name#-}"); else include+="${include:+,}$name"; fi
    done
    mkdir -p "$debs" "$(dirname "$work")" || return 1
    remove_rootfs "$work" || return 1
    # The JRE's postinst runs java (ca-certificates-java); under qemu-i386, compiled code can crash
    # the JVM (see HowItRuns.java), so every JVM of an image build runs interpreted.
    if ! JAVA_TOOL_OPTIONS=-Xint debootstrap --variant=minbase --arch="$arch" --include="$include" \
        --cache-dir="$debs" "$suite" "$work" "$(debian_mirror)"; then
        echo "debootstrap of $suite/$arch failed (debootstrap.log: $work/debootstrap/debootstrap.log)"
        tail -n 20 "$work/debootstrap/debootstrap.log" 2>/dev/null
        echo "fix: check the package names in cells.tsv exist in $suite for $arch, and that the mirror answers"
        return 1
    fi
    if ((${#purge[@]})) && ! chroot "$work" dpkg --purge "${purge[@]}"; then
        echo "fix: drop the -package entries of $suite/$arch in cells.tsv that other packages depend on"
        return 1
    fi
    if [[ ! -x $work$java ]]; then
        echo "cells.tsv names $java, but the $suite/$arch rootfs has: $(ls "$work/usr/lib/jvm" 2>/dev/null | tr '\n' ' ')"
        echo "fix: correct the java column of cells.tsv (or the JRE package) for $suite $arch"
        return 1
    fi
    if ! compgen -G "$work/usr/lib/*/libglib-2.0.so.0" >/dev/null; then
        echo "no libglib-2.0.so.0 under $work/usr/lib/*/: fix the glib package name for $suite in cells.tsv"
        return 1
    fi
    # Package lists and .debs are useless offline and only bloat the image.
    rm -rf "$work"/var/lib/apt/lists/* "$work"/var/cache/apt/archives/*.deb || return 1
    tar --numeric-owner --xattrs -C "$work" -cf "$tarball.part" . || return 1
    mv "$tarball.part" "$tarball" || return 1
    remove_rootfs "$work"
}

# Builds (or re-imports) one image; prints its one-line result. Runs as a background job.
build_cell() {
    local image="$1" suite="$2" arch="$3" java="$4" temurin="$5" packages="$6" spec="$7"
    local tag="${image##*:}" started=$SECONDS verb=imported
    local tarball="$cache/rootfs/$tag-${spec:0:16}.tar"
    local work="$cache/work/$tag"
    local log="$cache/logs/$tag.log"
    local platform="linux/$arch"
    [[ $arch == i386 ]] && platform="linux/386"
    trap "remove_rootfs $(printf %q "$work")" EXIT  # work is local: bake its value in

    : >"$log"
    if [[ ! -s $tarball ]]; then
        verb=built
        if ! make_tarball "$suite" "$arch" "$java" "$packages" "$tarball" "$work" >>"$log" 2>&1; then
            echo "FAILED  $image after $((SECONDS - started))s; last lines of $log:" >&2
            tail -n 15 "$log" >&2
            return 1
        fi
    fi
    # Drop tarballs of older specs of this cell.
    find "$cache/rootfs" -maxdepth 1 -name "$tag-*.tar" ! -path "$tarball" -delete

    local old_id
    old_id="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
    docker import --platform "$platform" \
        --change "LABEL $spec_label=$spec" \
        --change "LABEL dev.callgate.suite=$suite dev.callgate.arch=$arch dev.callgate.java=$java" \
        --change "LABEL dev.callgate.temurin25=$temurin" \
        --change 'CMD ["/bin/bash"]' \
        "$tarball" "$image" >>"$log" 2>&1 || { echo "FAILED  $image: docker import failed, see $log" >&2; return 1; }
    # The replaced image is now untagged; remove it unless the import produced the very same one.
    if [[ -n $old_id && $old_id != "$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null)" ]]; then
        docker rmi "$old_id" >/dev/null 2>&1 || true
    fi

    # Smoke test: the JVM the manifest promises starts in the image without any network.
    if ! docker run --rm --network none "$image" "$java" -version >>"$log" 2>&1; then
        echo "FAILED  $image: '$java -version' does not run in the image, see $log" >&2
        return 1
    fi
    printf '%-9s%-32s%4ds  spec %s\n' "$verb" "$image" $((SECONDS - started)) "${spec:0:12}"
}

[[ $(id -u) -eq 0 ]] || fail "must run as root (debootstrap needs it); rerun with sudo."
command -v debootstrap >/dev/null || fail "debootstrap is missing: run .ci/start-docker.sh (it installs it) or apt-get install debootstrap."
docker info >/dev/null 2>&1 || fail "no Docker engine answers: start one with .ci/start-docker.sh."
[[ -r $manifest ]] || fail "manifest $manifest not found."

mkdir -p "$cache/rootfs" "$cache/work" "$cache/logs" "$cache/status"
# One build at a time per machine: two runs would debootstrap into the same work dirs.
exec 9>"$cache/.lock"
flock -w 1800 9 || fail "another build-images.sh held $cache/.lock for 30 minutes."
rm -f "$cache"/status/* "$cache"/rootfs/*.part
# Half-built root file systems of an interrupted earlier run.
for stale in "$cache"/work/*; do remove_rootfs "$stale"; done

# The rows to build, those of foreign architectures first (they take the longest).
rows=()
arches=()
host_arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
while IFS=$'\t' read -r image suite arch java temurin packages; do
    [[ -z $image || $image == \#* ]] && continue
    [[ -n $packages ]] || fail "cells.tsv row for $image has fewer than 6 tab-separated columns."
    if [[ -n ${CALLGATE_CELLS:-} && " $CALLGATE_CELLS " != *" ${image##*:} "* ]]; then continue; fi
    row="$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$image" "$suite" "$arch" "$java" "$temurin" "$packages")"
    if [[ $arch == "$host_arch" ]]; then rows+=("$row"); else rows=("$row" "${rows[@]}"); fi
    [[ " ${arches[*]} " == *" $arch "* ]] || arches+=("$arch")
done <"$manifest"
((${#arches[@]} == 0)) || bash "$images_dir/qemu-binfmt.sh" "${arches[@]}" ||
    fail "the foreign architectures of cells.tsv cannot run here (qemu-binfmt.sh above says why)."

started_all=$SECONDS
pids=()
tags=()
for row in "${rows[@]}"; do
    IFS=$'\t' read -r image suite arch java temurin packages <<<"$row"
    tag="${image##*:}"
    spec="$({ cat "$script_path"; printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$image" "$suite" "$arch" "$java" "$temurin" "$packages"; } |
        sha256sum | cut -d' ' -f1)"
    if [[ $(current_spec "$image") == "$spec" ]]; then
        printf '%-9s%-32s%4ds  spec %s\n' cached "$image" 0 "${spec:0:12}"
        continue
    fi
    while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n || true; done
    # The status file, not wait's exit code, tells the result: `wait -n` above may reap any job.
    (
        rc=0
        build_cell "$image" "$suite" "$arch" "$java" "$temurin" "$packages" "$spec" || rc=$?
        echo "$rc" >"$cache/status/$tag"
    ) &
    pids+=($!)
    tags+=("$tag")
done

for pid in "${pids[@]}"; do wait "$pid" || true; done
failed=()
for tag in "${tags[@]}"; do
    [[ $(cat "$cache/status/$tag" 2>/dev/null) == 0 ]] || failed+=("$tag")
done
((${#failed[@]} == 0)) || fail "images failed: ${failed[*]} (logs in $cache/logs/)."
echo "build-images: all images ready in $((SECONDS - started_all))s"
