/* pngenc.c: `make bench` times PNG encoding alone, per badge, on the badge
 * SVGs of a built site: each is rasterised once, then encoded by libpng
 * with zlib (level 4, Up filter: the encoder until libdeflate) and by
 * bs_png_encode with libdeflate at several levels (the same Up filter).
 * Prints one line per encoder: ms per badge (CPU time of the thread, the
 * best of three runs of each badge, so other work on the machine counts
 * little) and the mean size.
 *
 *   pngenc FILE.svg...
 */
#include "base/buf.h"
#include "images/png.h"

#include <cairo.h>
#include <libpng16/png.h>
#include <librsvg/rsvg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void write_buf(png_structp p, png_bytep data, png_size_t n)
{
	bs_buf_put(png_get_io_ptr(p), data, n);
}

static void flush_buf(png_structp p) { (void)p; }

/* The encoder as it was: libpng and zlib, level 4, Up filter. */
static void zlib_encode(bs_buf *out, unsigned char *rgba, int size)
{
	png_structp p =
	    png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(p);
	png_bytep *rows = malloc(sizeof *rows * (size_t)size);
	for (int y = 0; y < size; y++)
		rows[y] = rgba + (size_t)y * 4 * size;
	if (setjmp(png_jmpbuf(p))) {
		png_destroy_write_struct(&p, &info);
		free(rows);
		return;
	}
	png_set_write_fn(p, out, write_buf, flush_buf);
	png_set_IHDR(p, info, (png_uint_32)size, (png_uint_32)size, 8,
		     PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(p, 4);
	png_set_filter(p, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
	png_set_rows(p, info, rows);
	png_write_png(p, info, PNG_TRANSFORM_IDENTITY, NULL);
	png_destroy_write_struct(&p, &info);
	free(rows);
}

/* cairo's premultiplied ARGB to RGBA in place, as the program does. */
static void to_rgba(unsigned char *px, int size)
{
	for (size_t i = 0; i < (size_t)size * size; i++) {
		uint32_t v;
		memcpy(&v, px + 4 * i, 4);
		unsigned a = v >> 24, r = (v >> 16) & 255, g = (v >> 8) & 255,
			 b = v & 255;
		if (a == 0) {
			r = g = b = 0;
		} else if (a < 255) {
			r = (r * 255 + a / 2) / a;
			g = (g * 255 + a / 2) / a;
			b = (b * 255 + a / 2) / a;
		}
		px[4 * i] = (unsigned char)r;
		px[4 * i + 1] = (unsigned char)g;
		px[4 * i + 2] = (unsigned char)b;
		px[4 * i + 3] = (unsigned char)a;
	}
}

int main(int argc, char **argv)
{
	const int size = 600;
	size_t n = 0, bytes = (size_t)size * size * 4;
	unsigned char **argb = calloc((size_t)argc, sizeof *argb);
	for (int i = 1; i < argc; i++) {
		RsvgHandle *h = rsvg_handle_new_from_file(argv[i], NULL);
		if (!h)
			continue;
		cairo_surface_t *s =
		    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
		cairo_t *cr = cairo_create(s);
		RsvgRectangle vp = {0, 0, size, size};
		rsvg_handle_render_document(h, cr, &vp, NULL);
		cairo_destroy(cr);
		cairo_surface_flush(s);
		argb[n] = malloc(bytes);
		memcpy(argb[n++], cairo_image_surface_get_data(s), bytes);
		cairo_surface_destroy(s);
		g_object_unref(h);
	}
	if (!n) {
		fprintf(stderr, "pngenc: no SVG could be read\n");
		return 1;
	}
	unsigned char *work = malloc(bytes);
	enum { NENC = 6, REPS = 3 };
	static const int levels[NENC] = {-1, 1, 3, 4, 6, 9};
	double t[NENC] = {0};
	size_t total[NENC] = {0};
	/* badge by badge, every encoder in turn, each the best of three
	 * runs: a busy moment of the machine hits them all alike */
	for (size_t i = 0; i < n; i++) {
		for (int e = 0; e < NENC; e++) {
			double best = 1e9;
			for (int r = 0; r < REPS; r++) {
				bs_buf out = BS_BUF_INIT;
				memcpy(work, argb[i], bytes);
				double t0 = now();
				if (levels[e] < 0) {
					to_rgba(work, size);
					zlib_encode(&out, work, size);
				} else {
					bs_png_encode(&out, work, 4 * size,
						      size, size, levels[e],
						      NULL);
				}
				double dt = now() - t0;
				best = dt < best ? dt : best;
				if (r == 0)
					total[e] += out.len;
				bs_buf_free(&out);
			}
			t[e] += best;
		}
	}
	for (int e = 0; e < NENC; e++) {
		char name[48];
		if (levels[e] < 0)
			snprintf(name, sizeof name, "libpng + zlib 4 (before)");
		else
			snprintf(name, sizeof name, "libdeflate %d%s",
				 levels[e], levels[e] == 6 ? " (in use)" : "");
		printf("  PNG encoding, %-26s %6.2f ms/badge %9.1f KB/badge\n",
		       name, 1e3 * t[e] / (double)n,
		       (double)total[e] / 1024 / (double)n);
	}
	for (size_t i = 0; i < n; i++)
		free(argb[i]);
	free(argb);
	free(work);
	return 0;
}
