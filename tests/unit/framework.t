#!/bin/sh
exec tests/run-unit framework
