#!/bin/sh
exec tests/run-unit lint
