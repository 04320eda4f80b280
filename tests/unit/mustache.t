#!/bin/sh
exec tests/run-unit mustache
