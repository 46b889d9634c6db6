#!/usr/bin/env bash
# Trimming throughput per core (JMH). Run from the project root: bash bench/trim/run.sh
exec bash "$(dirname "$0")/../run-jmh.sh" bench/trim/TrimBenchmark.java TrimBenchmark "$@"
