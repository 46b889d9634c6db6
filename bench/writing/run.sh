#!/usr/bin/env bash
# Writing help: time of a full check of a 1,000-word message (JMH). Run from the project root:
# bash bench/writing/run.sh
exec bash "$(dirname "$0")/../run-jmh.sh" bench/writing/WritingBenchmark.java WritingBenchmark "$@"
