#!/bin/sh
# offer-lint image-facts: measures the certification facts of this machine, a VM booted from
# the image about to be captured (before `waagent -deprovision+user`, or after it to check
# the deprovisioning). Run it as root: the password and history checks read every user's
# files. It changes nothing and prints the `certification:` block of an offer-lint manifest,
# to paste under the image (`vmImages[]`) it describes.
#
#   sudo sh image-facts.sh
#
# What each fact is and why Microsoft checks it: `offer-lint explain cert-linux-<fact>`.
# POSIX sh only: it runs on every distribution's /bin/sh (dash, busybox, bash).
set -u
# No globbing: user names and values from the system are never file patterns.
set -f
LC_ALL=C
export LC_ALL

# A YAML double-quoted scalar: backslashes and quotes escaped, control characters dropped.
q() {
    printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\037\177' | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# The first version number (digits and dots) in the input.
ver() {
    sed -n 's/[^0-9]*\([0-9][0-9]*\(\.[0-9][0-9]*\)*[a-z]*\).*/\1/p' | head -n 1
}

# Architecture.
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
esac

# The Azure Linux agent: the installed version, the first `waagent --version` prints
# ("WALinuxAgent-2.2.45 running on ..."), which is what the certification test compares.
agent=""
if command -v waagent >/dev/null 2>&1; then
    agent=$(waagent --version 2>/dev/null | ver)
fi

# Agent auto-update, as the certification test reads it: off only when the last
# AutoUpdate.Enabled line of /etc/waagent.conf says exactly n; the agent's default is on.
auto=""
if [ -f /etc/waagent.conf ]; then
    auto=true
    v=$(sed -n 's/^[[:space:]]*AutoUpdate\.Enabled[[:space:]]*=[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/waagent.conf | tail -n 1)
    [ "$v" = n ] && auto=false
fi

# The agent's service is enabled at boot.
enabled=""
if command -v systemctl >/dev/null 2>&1; then
    for unit in walinuxagent waagent; do
        state=$(systemctl is-enabled "$unit" 2>/dev/null)
        case "$state" in
            enabled | enabled-runtime | static | alias) enabled=true; break ;;
            disabled | masked) enabled=false ;;
        esac
    done
fi

# The kernel command line of the running kernel.
cmdline=$(cat /proc/cmdline 2>/dev/null | tr -s ' \t' '  ' | sed 's/BOOT_IMAGE=[^ ]* *//; s/^ *//; s/ *$//')

# Swap on the OS disk: a swap entry in /etc/fstab, or active swap outside the resource disk.
swap=false
if [ -f /etc/fstab ] && grep -v '^[[:space:]]*#' /etc/fstab | awk '$3 == "swap" { found = 1 } END { exit !found }'; then
    swap=true
fi

# Root partitions: entries of /etc/fstab mounted at /.
roots=$(grep -v '^[[:space:]]*#' /etc/fstab 2>/dev/null | awk '$2 == "/" { n++ } END { print n + 0 }')

# OpenSSL and Python.
openssl=""
command -v openssl >/dev/null 2>&1 && openssl=$(openssl version 2>/dev/null | ver)
python=""
for p in python3 python; do
    if command -v "$p" >/dev/null 2>&1; then
        python=$("$p" -V 2>&1 | ver)
        [ -n "$python" ] && break
    fi
done

# sshd's effective ClientAliveInterval (`sshd -T` prints the configuration it would use).
alive=""
for d in /usr/sbin /sbin /usr/bin; do
    if [ -x "$d/sshd" ]; then
        alive=$("$d/sshd" -T 2>/dev/null | awk 'tolower($1) == "clientaliveinterval" { print $2; exit }')
        break
    fi
done

# The largest shell history of any user with a shell (as LISA looks for them: every file
# named .*sh_history or .history under the home of an account whose shell ends in "sh").
history=$(awk -F: '$1 !~ /^#/ && $7 ~ /sh$/ { print $6 }' /etc/passwd 2>/dev/null | sort -u | while IFS= read -r h; do
    [ -n "$h" ] && [ -d "$h" ] && find "$h" -maxdepth 5 -type f \( -name '.*sh_history' -o -name '.history' \) -exec wc -c {} \; 2>/dev/null
done | awk 'BEGIN { m = 0 } $1 + 0 > m { m = $1 + 0 } END { print m }')

# Accounts with a password (a hash that is not locked with ! or *), and accounts that can log
# in with keys in ~/.ssh/authorized_keys (the cloud images' "Please login as the user" stub
# does not count).
pw=""
if [ -r /etc/shadow ]; then
    pw=$(awk -F: '$1 !~ /^#/ && $2 != "" && $2 != "x" && $2 !~ /[!*]/ { print $1 }' /etc/shadow)
fi
keys=$(grep -v -e '^[[:space:]]*#' -e nologin /etc/passwd 2>/dev/null | while IFS=: read -r u _ _ _ _ h _; do
    f="$h/.ssh/authorized_keys"
    if [ -n "$h" ] && [ -s "$f" ] && grep -q '[^[:space:]]' "$f" 2>/dev/null && ! grep -q "Please login as the user" "$f" 2>/dev/null; then
        printf '%s ' "$u"
    fi
done)

# OMI (installed by some management extensions; versions before 1.6.8-1 have the OMIGOD
# vulnerabilities): the version omiserver reports, else the package's.
omi=""
if [ -x /opt/omi/bin/omiserver ]; then
    omi=$(/opt/omi/bin/omiserver --version 2>/dev/null | sed -n 's/.*OMI-\([0-9][0-9.]*\(-[0-9][0-9]*\)\{0,1\}\).*/\1/p' | head -n 1)
    [ -n "$omi" ] || omi=$(dpkg-query -W -f='${Version}' omi 2>/dev/null)
    [ -n "$omi" ] || omi=$(rpm -q --qf '%{VERSION}-%{RELEASE}' omi 2>/dev/null)
    [ -n "$omi" ] || omi=unknown
fi

list() {
    printf '['
    sep=""
    for x in $1; do
        printf '%s%s' "$sep" "$(q "$x")"
        sep=", "
    done
    printf ']'
}

printf '%s\n' "# measured by offer-lint image-facts on $(q "$(uname -n)"), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
printf '%s\n' "certification:"
printf '%s\n' "  architecture: $(q "$arch")"
printf '%s\n' "  generalized: true  # only true once the image is captured after waagent -deprovision+user"
printf '%s\n' "  linux:"
if [ -n "$agent" ]; then printf '%s\n' "    agentVersion: $(q "$agent")"; else printf '%s\n' "    # agentVersion: not found (waagent is not installed)"; fi
if [ -n "$auto" ]; then printf '%s\n' "    agentAutoUpdate: $auto"; else printf '%s\n' "    # agentAutoUpdate: not found (no /etc/waagent.conf)"; fi
if [ -n "$enabled" ]; then printf '%s\n' "    agentEnabled: $enabled"; else printf '%s\n' "    # agentEnabled: not found (no systemd unit for the agent)"; fi
printf '%s\n' "    kernelCommandLine: $(q "$cmdline")"
printf '%s\n' "    swapOnOsDisk: $swap"
printf '%s\n' "    rootPartitionsOnOsDisk: $roots"
if [ -n "$openssl" ]; then printf '%s\n' "    opensslVersion: $(q "$openssl")"; else printf '%s\n' "    # opensslVersion: not found"; fi
if [ -n "$python" ]; then printf '%s\n' "    pythonVersion: $(q "$python")"; else printf '%s\n' "    # pythonVersion: not found"; fi
if [ -n "$alive" ]; then printf '%s\n' "    clientAliveInterval: $alive"; else printf '%s\n' "    # clientAliveInterval: not found (run as root: sshd -T needs it)"; fi
printf '%s\n' "    bashHistoryBytes: $history"
if [ -r /etc/shadow ]; then printf '%s\n' "    passwordUsers: $(list "$pw")"; else printf '%s\n' "    # passwordUsers: not measured (run as root to read /etc/shadow)"; fi
printf '%s\n' "    authorizedKeysUsers: $(list "$keys")"
if [ -n "$omi" ]; then printf '%s\n' "    omiVersion: $(q "$omi")"; else printf '%s\n' "    omiVersion: null  # OMI is not installed"; fi
