#!/bin/sh
exec tests/run-unit cache
