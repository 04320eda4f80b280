#!/bin/sh
exec tests/run-unit serve
