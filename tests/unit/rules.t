#!/bin/sh
exec tests/run-unit rules
