#!/usr/bin/env bash
# The consumer test: consumer/ (not a module of the reactor) depends on callgate as an application
# would, through callgate-bom, resolving callgate's artifacts only from the release in REPOSITORY
# (a directory .ci/release.sh deployed into) and a local repository made fresh for this run, so
# nothing can come from ~/.m2 or the reactor. Maven's plugins and JNA come from Maven Central.
# A gated callback is called from a pthread_create thread (consumer/src/main/c) and from the JVM's
# own thread, and each program checks the results and exits 1 on a mismatch:
#   - callgate-all on the class path, then as the named module dev.callgate.consumer (JDK 17);
#   - a plain JNA program under -javaagent:callgate-agent-VERSION-agent.jar=policy=reject (JDK 17);
#   - callgate-ffm's FFM upcall (Temurin 25).
# Usage: .ci/consumer.sh REPOSITORY [JDK17_HOME] [JDK25_HOME]
set -euo pipefail

repo_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
repository="$(readlink -f "${1:?usage: .ci/consumer.sh REPOSITORY [JDK17_HOME] [JDK25_HOME]}")"
jdk17="${2:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
jdk25="${3:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$repo_root"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' project/pom.xml | head -1)"
[ -f "$repository/dev/callgate/callgate-bom/$version/callgate-bom-$version.pom" ] ||
    { echo "consumer.sh: no callgate-bom $version in $repository; run .ci/release.sh $repository first" >&2; exit 1; }

work="$(mktemp -d /tmp/callgate-consumer-XXXXXX)"
trap 'rm -rf "$work"' EXIT
fresh_m2="$work/m2" # empty: callgate can come only from $repository
lib="$work/libcallback_worker.so"
gcc -shared -fPIC -O2 -Wall -Werror -pthread -o "$lib" consumer/src/main/c/callback_worker.c

# Builds the consumer with one profile; prints the class path file's name.
build() {
    local profile="$1" jdk="$2"
    local cp="$repo_root/consumer/target/$profile/classpath.txt"
    JAVA_HOME="$jdk" ./mvnw -B -f consumer/pom.xml -P"$profile" -Dmaven.repo.local="$fresh_m2" \
        -Dcallgate.repository="file://$repository" -Dcallgate.version="$version" \
        -Dmdep.outputFile="$cp" clean compile dependency:build-classpath </dev/null >&2
    echo "$cp"
}

classes() { echo "$repo_root/consumer/target/$1/classes"; }

echo "==== consumer: class path and named module (JDK 17)"
cp="$(cat "$(build jna "$jdk17")")"
"$jdk17/bin/java" -Dconsumer.lib="$lib" -cp "$(classes jna):$cp" dev.callgate.consumer.JnaConsumer "$version" classpath
"$jdk17/bin/java" -Dconsumer.lib="$lib" -p "$(classes jna):$cp" \
    -m dev.callgate.consumer/dev.callgate.consumer.JnaConsumer "$version" module

echo "==== consumer: plain JNA under the agent (JDK 17)"
cp="$(cat "$(build agent "$jdk17")")"
agent_jar="$(tr ':' '\n' <<<"$cp" | grep -E "/callgate-agent-$version-agent\.jar$")"
app_cp="$(tr ':' '\n' <<<"$cp" | grep -v -F "$agent_jar" | paste -sd:)"
"$jdk17/bin/java" -javaagent:"$agent_jar"=policy=reject,verbose=true -Dconsumer.lib="$lib" \
    -cp "$(classes agent):$app_cp" dev.callgate.consumer.agent.PlainJnaConsumer 2>"$work/agent.err" ||
    { cat "$work/agent.err" >&2; exit 1; }
cat "$work/agent.err" >&2
grep -q "^callgate-agent $version: started (policy REJECT" "$work/agent.err" ||
    { echo "consumer.sh: the agent's verbose start line with version $version is missing" >&2; exit 1; }

echo "==== consumer: FFM upcall (Temurin 25)"
cp="$(cat "$(build ffm "$jdk25")")"
"$jdk25/bin/java" --enable-native-access=ALL-UNNAMED -Dconsumer.lib="$lib" -cp "$(classes ffm):$cp" \
    dev.callgate.consumer.ffm.FfmConsumer "$version"

echo "consumer.sh: every consumer run passed (callgate $version from $repository)"
