#!/usr/bin/perl
# The example site's pages in plain words: no code of the framework's
# vocabulary, hex colour, file path or template in the text people read;
# counts agree with their number ("1 hour", never "1 hours" or "0
# credits"); no doubled word such as "badge badge"; headings never skip a
# level; the facet roots are pages in the sitemap; the retired badge is
# listed apart, labelled; the home page shows the badges content chose;
# the framework draws its stacks with a caption.
use strict;
use warnings;
use File::Temp qw(tempdir);
use File::Find;

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $tmp = tempdir(CLEANUP => 1);
system("mkdir -p '$tmp/site' && cp -r site.json content layouts assets '$tmp/site/'") == 0 or die;
my $log = `'$build/badgesite' build '$tmp/site' -o '$tmp/out' --quiet 2>&1`;
my $n = 0;
sub ok { my ($c, $what, @diag) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $what\n"); print map { "#   $_\n" } @diag unless $c; return $c }
sub slurp { my ($f) = @_; open(my $h, '<:utf8', $f) or return ''; local $/; my $d = <$h>; close $h; return $d }

ok($? == 0, "the example site builds", split /\n/, $log) or do { print "1..$n\n"; exit 1 };
my @pages;
find({ no_chdir => 1, wanted => sub { push @pages, $_ if /\.html$/ } }, "$tmp/out");
@pages = sort @pages;

# The text a visitor reads: no scripts, styles, drawings or code snippets;
# the alternative text of images counts.
sub visible {
	my ($html) = @_;
	$html =~ s{<(script|style|svg|pre)\b.*?</\1>}{ }gs;
	$html =~ s{<img\b[^>]*\balt="([^"]*)"[^>]*>}{ $1 }g;
	$html =~ s{<[^>]+>}{ }g;
	$html =~ s{&amp;}{&}g;
	$html =~ s{&#39;}{'}g;
	$html =~ s{\s+}{ }g;
	return $html;
}

my $codes = qr{\b(?:learning_outcomes|quality_assurance|award_mode|evidence-reviewed|knowledge-check|identity_verification|further_information|pass_mark|stacks_into)\b};
my (@code, @plural, @double, @hex, @jump);
for my $p (@pages) {
	my $rel = substr($p, length("$tmp/out/"));
	# the vocabulary page documents the JSON terms themselves
	next if $rel =~ m{^contexts/};
	my $html = slurp($p);
	my $text = visible($html);
	push @code, "$rel: $1" while $text =~ /(.{0,30}$codes.{0,10})/g;
	push @plural, "$rel: $1" while $text =~ /(\b1 (?:[\w-]+ )?(?:hours|credits|badges|classes|terms|parts)\b)/g;
	push @plural, "$rel: $1" while $text =~ /(\b0 (?:[\w-]+ )?credits?\b)/g;
	# a doubled word within one piece of text ("Diploma badge badge")
	for my $node (split /<[^>]+>/, $html) {
		push @double, "$rel: $1" while $node =~ /(\b([A-Za-z]{3,})\s+\2\b)/g;
	}
	push @hex, "$rel: $1" while $text =~ /(#[0-9a-fA-F]{6}\b|\{\{[^}]*\}\}|assets\/icons\/\S+)/g;
	my $prev = 0;
	while ($html =~ /<h([1-6])\b[^>]*>(.*?)<\/h\1>/gs) {
		my ($l, $t) = ($1, $2);
		$t =~ s/<[^>]+>//g;
		push @jump, "$rel: h$prev to h$l ($t)" if $l > $prev + 1;
		$prev = $l;
	}
}
ok(!@code, "no code of the framework's vocabulary in the text of " . scalar(@pages) . " pages", @code);
ok(!@plural, "counts agree with their number: no '1 hours', no '0 credits'", @plural);
ok(!@double, "no doubled word such as 'badge badge'", @double);
ok(!@hex, "no hex colour, template or icon file path in the text", @hex);
ok(!@jump, "headings never skip a level on any page", @jump);

my $sitemap = slurp("$tmp/out/sitemap.xml");
my @roots = grep { !-f "$tmp/out/badges/$_/index.html" || $sitemap !~ m{badges/$_/</loc>} }
	qw(by-class by-category by-programme);
ok(!@roots, "the facet roots are pages, in the sitemap", @roots);
my $root = slurp("$tmp/out/badges/by-class/index.html");
ok($root =~ m{href="\.\./\.\./badges/by-class/diploma/">Diploma badge</a> <span class="muted">2 badges</span>},
	"the class root lists each class with its count");

my $cat = slurp("$tmp/out/badges/index.html");
ok($cat =~ m{id="retired-h">Retired badges</h2>.*badges/exchange-engagement/.*status-retired">Retired<}s
	&& $cat !~ m{badges/exchange-engagement/.*id="retired-h"}s,
	"the retired badge is listed apart, labelled Retired");

my $home = slurp("$tmp/out/index.html");
my ($fm) = slurp("content/_index.md") =~ /"featured":\s*\[(.*?)\]/s;
my @want = ($fm // '') =~ /"([^"]+)"/g;
my @got = $home =~ m{<h3 class="badge-card-title"><a href="badges/([^/"]+)/(?:v\d+/)?">}g;
ok(@want && "@got" eq "@want", "the home page shows the badges content/_index.md features, in its order", "want @want", "got @got");

my $fw = slurp("$tmp/out/framework/index.html");
ok($fw =~ m{<figure class="stack-figure">.*<svg class="stack-diagram" role="img"[^>]*aria-label="[^"]+".*</svg>.*<figcaption>}s,
	"the framework draws its stacks as a figure with a caption");
my @boxes = $fw =~ m{<text [^>]*>([^<]+)</text>}g;
ok(scalar(grep { $_ eq 'Project Cycle Manager' } @boxes) == 1 && grep({ $_ eq 'Results Monitoring Planner' } @boxes),
	"each badge of a stack is one box of the diagram", "@boxes");
ok(visible($fw) !~ /diagram below/, "no text calls the table a diagram");
print "1..$n\n";
