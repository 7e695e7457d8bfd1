#!/usr/bin/env bash
# A release without keys or network publishing: ./mvnw -Prelease -DskipTests clean deploy into the
# directory REPOSITORY (a file:// repository; Central is not contacted, nothing is signed without
# MAVEN_GPG_KEY), then .ci/PublishedArtifacts.java checks that every published artifact is there with
# its POM, jar, sources and javadoc, that the BOM lists exactly those, that every manifest names the
# version and that no published POM needs an unpublished artifact.
# Usage: .ci/release.sh REPOSITORY [JDK25_HOME]   (a release is built on JDK 22+: callgate-ffm is in it)
set -euo pipefail

repo_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
repository="${1:?usage: .ci/release.sh REPOSITORY [JDK25_HOME]}"
jdk25="${2:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$repo_root"
rm -rf "$repository"
mkdir -p "$repository"
repository="$(readlink -f "$repository")"

# Only into that directory: nothing is installed into the local repository (~/.m2).
JAVA_HOME="$jdk25" ./mvnw -B -Prelease -DskipTests -Dmaven.install.skip=true \
    -DaltDeploymentRepository="local::file://$repository" clean deploy </dev/null
"$jdk25/bin/java" .ci/PublishedArtifacts.java . "$repository"
# The API's javadoc documents the API only: no internal package, no demo class.
"$jdk25/bin/java" .ci/ApiJavadoc.java "$repository"/dev/callgate/callgate-platform-api/*/callgate-platform-api-*-javadoc.jar \
    "$repository"/dev/callgate/callgate-ffm/*/callgate-ffm-*-javadoc.jar
