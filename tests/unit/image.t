#!/bin/sh
exec tests/run-unit image
