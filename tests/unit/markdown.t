#!/bin/sh
exec tests/run-unit markdown
