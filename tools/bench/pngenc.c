/* pngenc.c: `make bench` times PNG encoding alone, per image, on the
 * badge SVGs of a built site (each rasterised once at 600 px, the time of
 * that printed too) or on its PNGs (social cards: opaque, so their pixels
 * are cairo's as they were drawn), then encodes the same pixels with
 * bs_png_encode under each filter and libdeflate level in turn, and as the
 * program does (no filter, images/deflate.c). Prints one
 * line per encoder: ms per image (CPU time of the thread, the best of
 * three runs of each image, so other work on the machine counts little)
 * and the mean size; with --optipng N, also the mean size of the first N
 * images as the program writes them after Debian's `optipng -o2`.
 *
 *   pngenc [--optipng N] FILE.svg|FILE.png...
 */
#include "base/buf.h"
#include "images/png.h"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct image {
	int w, h;
	unsigned char *argb; /* cairo's ARGB32, rows 4 * w bytes */
} image;

/* The pixels of an SVG drawn at 600 px, or of a PNG as cairo reads it. */
static int load(image *im, const char *path, double *raster)
{
	cairo_surface_t *s = NULL;
	size_t n = strlen(path);
	if (n > 4 && strcmp(path + n - 4, ".png") == 0) {
		s = cairo_image_surface_create_from_png(path);
	} else {
		RsvgHandle *h = rsvg_handle_new_from_file(path, NULL);
		if (!h)
			return -1;
		double best = 1e9;
		for (int r = 0; r < 3; r++) {
			if (s)
				cairo_surface_destroy(s);
			double t0 = now();
			s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 600,
						       600);
			cairo_t *cr = cairo_create(s);
			RsvgRectangle vp = {0, 0, 600, 600};
			rsvg_handle_render_document(h, cr, &vp, NULL);
			cairo_destroy(cr);
			cairo_surface_flush(s);
			double dt = now() - t0;
			best = dt < best ? dt : best;
		}
		*raster += best;
		g_object_unref(h);
	}
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return -1;
	}
	im->w = cairo_image_surface_get_width(s);
	im->h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	im->argb = malloc((size_t)im->w * im->h * 4);
	const unsigned char *px = cairo_image_surface_get_data(s);
	for (int y = 0; y < im->h; y++)
		memcpy(im->argb + (size_t)y * im->w * 4,
		       px + (size_t)y * stride, (size_t)im->w * 4);
	cairo_surface_destroy(s);
	return 0;
}

/* Bytes of buf after `optipng -o2`, or 0 when optipng cannot run. */
static size_t optipng(const bs_buf *b)
{
	char in[] = "/tmp/pngenc-XXXXXX", cmd[128];
	int fd = mkstemp(in);
	if (fd < 0)
		return 0;
	size_t got = 0;
	if (write(fd, b->ptr, b->len) == (ssize_t)b->len) {
		snprintf(cmd, sizeof cmd,
			 "optipng -quiet -o2 -out %s.o %s >/dev/null 2>&1", in,
			 in);
		struct stat st;
		char o[sizeof in + 2];
		snprintf(o, sizeof o, "%s.o", in);
		if (system(cmd) == 0 && stat(o, &st) == 0)
			got = (size_t)st.st_size;
		unlink(o);
	}
	close(fd);
	unlink(in);
	return got;
}

int main(int argc, char **argv)
{
	int nopt = 0, first = 1;
	if (argc > 2 && strcmp(argv[1], "--optipng") == 0)
		nopt = atoi(argv[2]), first = 3;
	image *im = calloc((size_t)argc, sizeof *im);
	size_t n = 0;
	double raster = 0;
	for (int i = first; i < argc; i++)
		if (load(&im[n], argv[i], &raster) == 0)
			n++;
	if (!n) {
		fprintf(stderr, "pngenc: no image could be read\n");
		return 1;
	}
	static const char *const fname[] = {"no filter", "Sub", "Up",
					    "Average", "Paeth", "per row"};
	static const struct {
		int filter, level;
	} enc[] = {
	    {BS_PNG_UP, 6},	 {BS_PNG_NONE, 1},	{BS_PNG_NONE, 3},
	    {BS_PNG_NONE, 6},	 {BS_PNG_NONE, 9},	{BS_PNG_SUB, 6},
	    {BS_PNG_AVERAGE, 6}, {BS_PNG_PAETH, 6},	{BS_PNG_ROWWISE, 3},
	    {BS_PNG_ROWWISE, 6}, {-1, 0}, /* what the program uses */
	};
	enum { NENC = sizeof enc / sizeof enc[0], REPS = 3 };
	double t[NENC] = {0};
	size_t total[NENC] = {0}, ours = 0, opt = 0;
	int nopted = 0;
	/* image by image, every encoder in turn, each the best of three
	 * runs: a busy moment of the machine hits them all alike */
	for (size_t i = 0; i < n; i++) {
		for (int e = 0; e < NENC; e++) {
			double best = 1e9;
			for (int r = 0; r < REPS; r++) {
				bs_buf out = BS_BUF_INIT;
				double t0 = now();
				bs_png_encode(&out, im[i].argb, 4 * im[i].w,
					      im[i].w, im[i].h, enc[e].level,
					      enc[e].filter, NULL);
				double dt = now() - t0;
				best = dt < best ? dt : best;
				if (r == 0)
					total[e] += out.len;
				if (r == 0 && e == NENC - 1 &&
				    nopted < nopt) {
					size_t o = optipng(&out);
					if (o)
						ours += out.len, opt += o,
						    nopted++;
				}
				bs_buf_free(&out);
			}
			t[e] += best;
		}
	}
	if (raster > 0)
		printf("  rasterising the SVG at 600 px (librsvg)  %6.2f "
		       "ms/image\n",
		       1e3 * raster / (double)n);
	for (int e = 0; e < NENC; e++) {
		char name[48];
		if (enc[e].filter < 0)
			snprintf(name, sizeof name, "ours (in use)");
		else
			snprintf(name, sizeof name, "%s, libdeflate %d%s",
				 fname[enc[e].filter], enc[e].level,
				 e == 3 ? " (before)" : "");
		printf("  PNG encoding, %-26s %6.2f ms/image %9.1f KB/image\n",
		       name, 1e3 * t[e] / (double)n,
		       (double)total[e] / 1024 / (double)n);
	}
	if (nopted)
		printf("  optipng -o2 of %d of these: %.1f KB/image against "
		       "ours %.1f KB (ours/optipng %.3f)\n",
		       nopted, (double)opt / 1024 / nopted,
		       (double)ours / 1024 / nopted,
		       (double)ours / (double)opt);
	for (size_t i = 0; i < n; i++)
		free(im[i].argb);
	free(im);
	return 0;
}
