#!/bin/sh
exec tests/run-unit pngpixels
