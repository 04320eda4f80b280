#!/bin/sh
exec tests/run-unit scripts
