#!/usr/bin/env bash
# Makes this machine run the foreign-architecture cells of callgate's matrix: for each Debian
# architecture named, asks the kernel whether it runs that architecture's binaries itself, and
# where it does not, registers Debian's qemu-user-static with binfmt_misc (flag F: the kernel
# keeps the interpreter open, so it also works inside chroots and containers, which lack it).
#
# Why a probe and not a table: whether an x86_64 kernel runs i386 binaries is decided at boot
# (CONFIG_IA32_EMULATION, ia32_emulation=), and nothing in /proc says so. The probe is a tiny
# static ELF of the architecture that only calls exit(0), run once; the kernel's answer
# ("Exec format error" or a clean exit) decides. A binfmt_misc entry is consulted before the
# kernel's own ELF loader, so registering where the kernel runs the binaries natively would turn
# native runs into emulated ones: a native architecture is left alone.
#
# Usage: qemu-binfmt.sh ARCH...   (Debian names: amd64, i386, arm64)
# Prints one line per architecture, saying how it will run and why; records that line in
# /run/callgate-arch/ARCH (gone at reboot, like binfmt_misc entries), where the matrix's report
# reads it. Idempotent. Needs root, and qemu-user-static where an architecture is foreign.
set -euo pipefail

record_dir=/run/callgate-arch
binfmt=/proc/sys/fs/binfmt_misc

say() { echo "qemu-binfmt: $*"; }
fail() { echo "qemu-binfmt: ERROR: $*" >&2; exit 1; }

# The probes, as printf escapes: an ELF header, one PT_LOAD program header and exit(0).
#   i386:  xor ebx,ebx; mov eax,1 (SYS_exit); int 0x80
#   arm64: mov x0,#0; mov x8,#93 (SYS_exit); svc #0
#   amd64: xor edi,edi; mov eax,60 (SYS_exit); syscall
probe_bytes() {
    case "$1" in
        i386)
            printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000'
            printf '\002\000\003\000\001\000\000\000\124\200\004\010\064\000\000\000\000\000\000\000'
            printf '\000\000\000\000\064\000\040\000\001\000\000\000\000\000\000\000'
            printf '\001\000\000\000\000\000\000\000\000\200\004\010\000\200\004\010'
            printf '\135\000\000\000\135\000\000\000\005\000\000\000\000\020\000\000'
            printf '\061\333\270\001\000\000\000\315\200' ;;
        arm64|amd64)
            local machine code
            if [[ $1 == arm64 ]]; then
                machine='\267\000'
                code='\000\000\200\322\250\013\200\322\001\000\000\324'
            else
                machine='\076\000'
                code='\061\377\270\074\000\000\000\017\005\220\220\220' # padded to 12 bytes with nop
            fi
            printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000'
            printf "\\002\\000$machine\\001\\000\\000\\000"
            printf '\170\000\100\000\000\000\000\000\100\000\000\000\000\000\000\000'
            printf '\000\000\000\000\000\000\000\000\000\000\000\000\100\000\070\000\001\000\000\000\000\000\000\000'
            printf '\001\000\000\000\005\000\000\000\000\000\000\000\000\000\000\000'
            printf '\000\000\100\000\000\000\000\000\000\000\100\000\000\000\000\000'
            printf '\204\000\000\000\000\000\000\000\204\000\000\000\000\000\000\000'
            printf '\000\020\000\000\000\000\000\000'
            printf "$code" ;;
        *) return 1 ;;
    esac
}

# qemu's name for a Debian architecture, and the binfmt_misc magic and mask of its ELF files
# (the same values as Debian's /usr/lib/binfmt.d/qemu-*.conf; Debian ships none for i386 on amd64).
qemu_name() { case "$1" in i386) echo i386 ;; arm64) echo aarch64 ;; amd64) echo x86_64 ;; esac; }
binfmt_line() {
    local magic mask
    case "$1" in
        i386)
            magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
            mask='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff' ;;
        arm64)
            magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
            mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff' ;;
        amd64)
            magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00'
            mask='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff' ;;
    esac
    echo ":qemu-$(qemu_name "$1"):M::$magic:$mask:/usr/bin/qemu-$(qemu_name "$1")-static:F"
}

# Runs the probe; prints the kernel's answer ("ok" or its error) and succeeds when it ran natively.
# Called only while no binfmt_misc entry for the architecture is enabled, so the answer is the kernel's.
kernel_answer() {
    local probe out
    probe="$(mktemp "${TMPDIR:-/tmp}/callgate-probe-XXXXXX")"
    probe_bytes "$1" >"$probe"
    chmod +x "$probe"
    if out="$("$probe" 2>&1)"; then rm -f "$probe"; echo ok; return 0; fi
    rm -f "$probe"
    out="${out##*: }"   # bash says "<path>: cannot execute binary file: Exec format error"
    echo "${out:-exit status not 0}"
    return 1
}

entry_enabled() { [[ -r $binfmt/$1 ]] && head -n 1 "$binfmt/$1" | grep -qx enabled; }

record() {
    mkdir -p "$record_dir"
    echo "$2" >"$record_dir/$1"
    say "$1: $2"
}

(($# > 0)) || fail "usage: qemu-binfmt.sh ARCH... (Debian architecture names: amd64, i386, arm64)"
[[ $(id -u) -eq 0 ]] || fail "must run as root (it registers binfmt_misc entries); rerun with sudo."
[[ $(uname -s) == Linux ]] || fail "binfmt_misc is Linux's; this machine runs $(uname -s)."
if [[ ! -w $binfmt/register ]]; then
    mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null ||
        fail "cannot mount binfmt_misc on $binfmt (a container without CAP_SYS_ADMIN?): run this on the host."
fi

host="$(uname -m)"
for arch in "$@"; do
    probe_bytes "$arch" >/dev/null ||
        fail "no probe for architecture '$arch': add its tiny ELF to probe_bytes() and its binfmt line to binfmt_line()."
    name="qemu-$(qemu_name "$arch")"
    # An entry without F names an interpreter by path, which chroots and containers lack: replace it.
    if entry_enabled "$name" && ! grep -q '^flags:.*F' "$binfmt/$name"; then
        say "$arch: the binfmt_misc entry $name lacks the F flag (containers cannot reach its interpreter); replacing it"
        echo -1 >"$binfmt/$name"
        rm -f "$record_dir/$arch"
    fi
    if entry_enabled "$name"; then
        interpreter="$(sed -n 's/^interpreter //p' "$binfmt/$name")"
        if [[ -r $record_dir/$arch ]]; then
            say "$arch: $(cat "$record_dir/$arch") (already registered)"
        else
            record "$arch" "emulated by qemu-user ($interpreter, binfmt_misc entry $name registered by someone else)"
        fi
        continue
    fi
    if answer="$(kernel_answer "$arch")"; then
        record "$arch" "native: the $host kernel runs $arch binaries itself"
        continue
    fi
    # Only the kernel's own "no" means emulation: a probe that could not run for another reason
    # (a noexec /tmp: "Permission denied") must not route a native architecture through qemu.
    [[ $answer == *"Exec format error"* ]] ||
        fail "the $arch probe did not run ($answer), so whether the kernel runs $arch binaries is unknown; fix that (TMPDIR on a file system mounted exec), then run this again."
    [[ $arch != "$(dpkg --print-architecture 2>/dev/null)" ]] ||
        fail "the kernel refused a probe of its own architecture $arch ($answer): this machine is not what it seems; nothing registered."
    interpreter="/usr/bin/$name-static"
    [[ -x $interpreter ]] ||
        fail "the $host kernel does not run $arch binaries ($answer) and $interpreter is missing: apt-get install qemu-user-static"
    # A stale, disabled entry of the same name would make the write below fail.
    [[ -e $binfmt/$name ]] && echo -1 >"$binfmt/$name"
    binfmt_line "$arch" >"$binfmt/register" ||
        fail "binfmt_misc refused the entry for $arch: $(binfmt_line "$arch")"
    record "$arch" "emulated by qemu-user ($interpreter): the $host kernel does not run $arch binaries ($answer)"
done
