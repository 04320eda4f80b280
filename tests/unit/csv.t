#!/bin/sh
exec tests/run-unit csv
