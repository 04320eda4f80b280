#!/usr/bin/perl
# Sites in other scripts, end to end: tests/sites/arabic (default_language
# ar, written right to left) and tests/sites/chinese (zh, no spaces), each
# with a font pinned per language in its visual-language spec. The fonts
# come from Debian's packages (fonts-dejavu-core, fonts-wqy-microhei) and
# are copied into a temporary copy of each site. Shaping, direction and
# arcs are checked glyph by glyph in tests/unit/scripts.t; here: the sites
# build without warnings, byte for byte the same twice and at -j1 and -j2,
# the pages say lang and dir and are valid HTML, the pinned font draws the
# words, and a font without the script's letters is refused by the lint.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Copy qw(copy);
use File::Temp qw(tempdir);

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $bin = abs_path("$build/badgesite");
my $tmp = tempdir(CLEANUP => 1);
my $n = 0;
sub ok { my ($c, $name, @diag) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { print "#   $_\n" for map { split /\n/ } @diag } return $c }
sub slurp { my ($f) = @_; open(my $fh, '<:raw', $f) or return ''; local $/; my $s = <$fh>; close $fh; return $s }
sub site {
    my ($name, $font, $as) = @_;
    my $dir = "$tmp/$name";
    system("rm -rf '$dir' && cp -r tests/sites/$name '$dir' && mkdir -p '$dir/assets/fonts'") == 0 or die;
    copy($font, "$dir/assets/fonts/$as") or die "$font: $!";
    return $dir;
}
sub build { my ($dir, $out, @opt) = @_; my $log = `'$bin' build '$dir' -o '$out' --quiet @opt 2>&1`; return ($? >> 8, $log) }

my $dejavu = '/usr/share/fonts/truetype/dejavu';
my $cjk = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

# ---- Arabic ----
my $ar = site('arabic', "$dejavu/DejaVuSans-Bold.ttf", 'arabic.ttf');
my ($rc, $log) = build($ar, "$tmp/ar1", '-j1', '--no-cache');
ok($rc == 0, "the Arabic site builds", $log);
ok($log !~ /warning|error/, "without warnings", $log);
($rc, $log) = build($ar, "$tmp/ar2", '-j2', '--no-cache');
my $diff = `diff -r '$tmp/ar1' '$tmp/ar2' 2>&1`;
ok($rc == 0 && $diff eq '', "built again at -j2: byte for byte the same", $log, $diff);

my @pages = sort split /\n/, `find '$tmp/ar1' -name '*.html'`;
my @bad = grep { slurp($_) !~ /<html lang="ar" dir="rtl">/ } @pages;
ok(@pages > 10 && !@bad, scalar(@pages) . " pages say <html lang=\"ar\" dir=\"rtl\">", @bad);
my @share = grep { /id="share-url"/ } map { slurp($_) } @pages;
ok(@share && !grep({ !/<input id="share-url"[^>]* dir="ltr"/ || /<pre class="copyable">/ } @share),
   "addresses and snippets on a right-to-left page run left to right");
my $v = `node_modules/.bin/html-validate --config tests/html/htmlvalidate.json @pages 2>&1`;
ok($? == 0, "they are valid HTML and pass html-validate's accessibility rules", $v);

my @badges = qw(data-analyst spreadsheets forum-2026);
@bad = ();
for my $id (@badges) {
    my $svg = slurp("$tmp/ar1/badges/$id/badge.svg");
    push @bad, "$id: has <text>" if $svg =~ /<text/;
    push @bad, "$id: no outlined caption" unless $svg =~ /paint-order="stroke"/;
    my $png = slurp("$tmp/ar1/badges/$id/badge.png");
    push @bad, "$id: no PNG" unless substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n";
    push @bad, "$id: no card" unless -s "$tmp/ar1/badges/$id/card.png";
    my $lint = `xmllint --noout --nonet '$tmp/ar1/badges/$id/badge.svg' 2>&1`;
    push @bad, "$id: $lint" if $?;
}
ok(!@bad, "each badge has an SVG with its words as outlines, a PNG and a card", @bad);
my $json = slurp("$tmp/ar1/badges/forum-2026/badge.json");
ok(scalar($json =~ /"\@language": "ar"/), "its BadgeClass says \@language ar", $json);

# the words are drawn with the pinned font: DejaVu Sans Book draws them
# otherwise than DejaVu Sans Bold, and the image cache knows the font
my $svg1 = slurp("$tmp/ar1/badges/forum-2026/badge.svg");
copy("$dejavu/DejaVuSans.ttf", "$ar/assets/fonts/arabic.ttf") or die;
($rc, $log) = build($ar, "$tmp/ar3");
my $svg3 = slurp("$tmp/ar3/badges/forum-2026/badge.svg");
ok($rc == 0 && $svg3 ne $svg1, "another font pinned for ar draws other outlines, cache or not", $log);

# a font without Arabic letters: the lint says which letter, where, and how to fix it
copy("$dejavu/DejaVuSerif-Bold.ttf", "$ar/assets/fonts/arabic.ttf") or die;
($rc, $log) = build($ar, "$tmp/ar4");
ok($rc == 1, "a font pinned for ar that has no Arabic letters fails the build", $log);
ok(scalar $log =~ m{content/badges/forum-2026\.md: error: the font DejaVu Serif \(assets/fonts/arabic\.ttf\) has no glyph for '[^']+' \(U\+06[0-9A-F]{2}\) in the caption 'ملتقى 2026'},
   "naming the badge, the font, the letter and the caption", $log);
ok($log =~ /in the marking 'فعالية'/ && $log =~ /in the label '100 ساعة'/ && $log =~ /social card's name/,
   "and every other channel with Arabic words", $log);
ok(scalar $log =~ /hint: pin a font that draws it for the language 'ar' in assets\/visual-language.json/, "with the fix", $log);
ok(!-e "$tmp/ar4/index.html", "and nothing is published");

unlink("$ar/assets/fonts/arabic.ttf");
($rc, $log) = build($ar, "$tmp/ar5");
ok($rc == 1 && $log =~ m{assets/visual-language\.json:4:\d+: error: font file 'assets/fonts/arabic\.ttf' not found},
   "a font file that is not there is an error at its line in the spec", $log);

# ---- Chinese ----
my $zh = site('chinese', $cjk, 'cjk.ttc');
($rc, $log) = build($zh, "$tmp/zh1", '-j1', '--no-cache');
ok($rc == 0 && $log !~ /warning|error/, "the Chinese site builds without warnings", $log);
($rc, $log) = build($zh, "$tmp/zh2", '-j2', '--no-cache');
$diff = `diff -r '$tmp/zh1' '$tmp/zh2' 2>&1`;
ok($rc == 0 && $diff eq '', "byte for byte the same at -j2", $log, $diff);
@pages = sort split /\n/, `find '$tmp/zh1' -name '*.html'`;
@bad = grep { slurp($_) !~ /<html lang="zh" dir="ltr">/ } @pages;
ok(@pages > 10 && !@bad, scalar(@pages) . " pages say <html lang=\"zh\" dir=\"ltr\">", @bad);
$v = `node_modules/.bin/html-validate --config tests/html/htmlvalidate.json @pages 2>&1`;
ok($? == 0, "valid HTML", $v);
my $svg = slurp("$tmp/zh1/badges/data-analysis/badge.svg");
ok($svg !~ /<text/ && $svg =~ /paint-order="stroke"/, "the long Chinese caption is fitted on its band, as outlines");
copy("$dejavu/DejaVuSans-Bold.ttf", "$zh/assets/fonts/cjk.ttc") or die;
($rc, $log) = build($zh, "$tmp/zh3");
ok($rc == 1 && $log =~ /has no glyph for '[^']+' \(U\+[0-9A-F]{4}\) in the caption '数据分析与可视化实践'/,
   "the CJK font is the one that draws: without it the lint refuses the words", $log);

# the example site is written left to right
my $ex = slurp('layouts/base.mustache');
ok(scalar $ex =~ /<html lang="\{\{site\.language\}\}" dir="\{\{site\.dir\}\}">/, "the base layout writes lang and dir");

print "1..$n\n";
