#!/bin/sh
exec tests/run-unit ledger
