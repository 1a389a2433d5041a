#!/bin/sh
# The kargo4j quickstart from a fresh clone: builds what it needs and runs the pipeline.
# Needs a JDK 17+, Maven, git and kustomize or kubectl. Output lands in samples/quickstart/target/quickstart.
set -e
cd "$(dirname "$0")/../.."
exec mvn -B -ntp -q -Pquickstart -pl samples/quickstart -am package -DskipTests "$@"
