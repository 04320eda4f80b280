#!/bin/sh
exec tests/run-unit sign
