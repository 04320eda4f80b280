#!/bin/sh
exec tests/run-unit status
