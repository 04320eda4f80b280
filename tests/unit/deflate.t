#!/bin/sh
exec tests/run-unit deflate
