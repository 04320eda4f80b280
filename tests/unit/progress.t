#!/bin/sh
exec tests/run-unit progress
