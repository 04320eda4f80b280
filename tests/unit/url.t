#!/bin/sh
exec tests/run-unit url
