#!/bin/sh
exec tests/run-unit labels
