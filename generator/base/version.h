/* version.h: the program's version, part of every page's generator line. */
#ifndef BS_VERSION_H
#define BS_VERSION_H
#define BS_VERSION "0.1.0"
#endif
