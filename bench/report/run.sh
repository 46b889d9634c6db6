#!/usr/bin/env bash
# Report: time to render the PDF of a 12-week trajectory, with the HTML it is made from as the
# baseline (JMH). Run from the project root: bash bench/report/run.sh
exec bash "$(dirname "$0")/../run-jmh.sh" bench/report/ReportBenchmark.java ReportBenchmark "$@"
