#!/bin/sh
exec tests/run-unit rdfc
