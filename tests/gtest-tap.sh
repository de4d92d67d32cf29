#!/bin/sh
# Runs one GTest program so that it reports in TAP, for automake's TAP driver.
exec "$@" --tap
