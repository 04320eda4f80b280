/* URL building and checking, escaping and number output. */
#include "base/url.h"
#include "base/buf.h"
#include "tap.h"

#include <stdlib.h>

static char *root_of(const char *path)
{
	bs_buf b = BS_BUF_INIT;
	bs_url_root(&b, path);
	return bs_buf_detach(&b);
}

static char *num(double v)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_number(&b, v);
	return bs_buf_detach(&b);
}

static char *enc(const char *s)
{
	bs_buf b = BS_BUF_INIT;
	bs_url_encode(&b, s);
	return bs_buf_detach(&b);
}

static char *html(const char *s)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_html(&b, s, strlen(s));
	return bs_buf_detach(&b);
}

#define IS_OWN(expr, want, name)                                               \
	do {                                                                   \
		char *got_ = (expr);                                           \
		is_str(got_, want, name);                                      \
		free(got_);                                                    \
	} while (0)

int main(void)
{
	IS_OWN(bs_url_normalize_base("https://Badges.Example.org/fw"),
	       "https://badges.example.org/fw/", "base: host lowered, / added");
	IS_OWN(bs_url_normalize_base("http://x.example"), "http://x.example/",
	       "base without path");
	ok(bs_url_normalize_base("ftp://x.example/") == NULL,
	   "base: ftp refused");
	ok(bs_url_normalize_base("https://x.example/a?b") == NULL,
	   "base: query refused");
	ok(bs_url_normalize_base("https://x.example/a/../b/") == NULL,
	   "base: dot segments refused");
	ok(bs_url_normalize_base("https://user@x.example/") == NULL,
	   "base: user info refused");
	is_str(bs_url_base_path("https://x.example/fw/"), "/fw/", "base path");
	is_str(bs_url_base_path("https://x.example/"), "/", "root base path");
	IS_OWN(bs_url_origin("https://A.example:8443/x"),
	       "https://a.example:8443", "origin keeps the port");
	IS_OWN(bs_url_host("https://a.example/x/y"), "a.example", "host");
	IS_OWN(root_of(""), "", "root of home");
	IS_OWN(root_of("badges/"), "../", "root of a section");
	IS_OWN(root_of("badges/x/"), "../../", "root of a badge page");
	IS_OWN(root_of("404.html"), "", "root of a top-level file");

	ok(bs_url_allowed("https://a.example/"), "https allowed");
	ok(bs_url_allowed("mailto:a@b.example"), "mailto allowed");
	ok(bs_url_allowed("../x/"), "relative allowed");
	ok(bs_url_allowed("/badges/x/"), "site-rooted allowed");
	ok(bs_url_allowed("x.html#a:b"), "colon after the path is fine");
	ok(!bs_url_allowed("javascript:alert(1)"), "javascript: refused");
	ok(!bs_url_allowed("JavaScript:alert(1)"), "JavaScript: refused");
	ok(!bs_url_allowed("data:text/html,x"), "data: refused");
	ok(!bs_url_allowed("//evil.example/"), "scheme-relative refused");
	ok(!bs_url_allowed("java\tscript:x"), "control characters refused");
	ok(!bs_url_allowed("https://"), "empty host refused");

	ok(bs_url_is_id("event-speaker"), "id ok");
	ok(bs_url_is_id("a1"), "short id ok");
	ok(!bs_url_is_id("Event"), "capitals refused");
	ok(!bs_url_is_id("../x"), "dots refused");
	ok(!bs_url_is_id("a b"), "spaces refused");
	ok(!bs_url_is_id("a/b"), "slash refused");
	ok(!bs_url_is_id("-a"), "leading hyphen refused");
	ok(!bs_url_is_id("a-"), "trailing hyphen refused");
	ok(!bs_url_is_id(""), "empty refused");

	IS_OWN(num(2.3), "2.3", "2.3 prints shortest");
	IS_OWN(num(0.1 + 0.2), "0.30000000000000004", "round-trip exact");
	IS_OWN(num(85), "85", "integers without a point");
	IS_OWN(num(-4), "-4", "negative integer");
	IS_OWN(num(1e21), "1e+21", "large numbers");
	IS_OWN(num(123.45), "123.45", "two decimals");
	IS_OWN(num(1e-7), "1e-07", "small numbers");
	IS_OWN(num(1.0 / 3), "0.3333333333333333", "16 digits when needed");
	IS_OWN(html("<script>alert('x') & \"y\"</script>"),
	       "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/"
	       "script&gt;",
	       "HTML escaping");
	ok(bs_url_is_placeholder("https://badges.example.org/"),
	   "the new site's address is a placeholder");
	ok(bs_url_is_placeholder("http://EXAMPLE.com:8080/x/"),
	   "so is example.com, any case, any port");
	ok(!bs_url_is_placeholder("https://badges.northbridge.example/fw/") &&
	       !bs_url_is_placeholder("https://myexample.org/") &&
	       !bs_url_is_placeholder("https://example.org.uk/"),
	   "other hosts are not");
	IS_OWN(enc("AZaz09-._~"), "AZaz09-._~", "encode: unreserved kept");
	IS_OWN(enc("a b+c"), "a%20b%2Bc", "encode: space is %20, + is %2B");
	IS_OWN(enc("https://x.example/a/?q=1&r=2#f"),
	       "https%3A%2F%2Fx.example%2Fa%2F%3Fq%3D1%26r%3D2%23f",
	       "encode: every reserved character of a URL");
	IS_OWN(enc("!*'();:@$,[]"), "%21%2A%27%28%29%3B%3A%40%24%2C%5B%5D",
	       "encode: sub-delims and gen-delims");
	IS_OWN(enc("\"%<>\\^`{|}"), "%22%25%3C%3E%5C%5E%60%7B%7C%7D",
	       "encode: characters never allowed, and % itself");
	IS_OWN(enc("caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80\x9d"),
	       "caf%C3%A9%20%E2%80%9Cx%E2%80%9D",
	       "encode: UTF-8 byte by byte, upper-case hex");
	IS_OWN(enc("\n\t\x7f"), "%0A%09%7F", "encode: control characters");
	IS_OWN(enc(""), "", "encode: empty");
	return done_testing();
}
