#!/bin/sh
exec tests/run-unit templates
