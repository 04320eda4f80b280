#!/usr/bin/perl
# A second visual language proves the look is data: tests/sites/atingi has
# its own spec, shapes and icons. Its badges must be drawn in its shapes,
# not the example's, as well-formed SVG without <text>, and 600 x 600 PNGs;
# a font pinned under assets/fonts/ must be the one that draws the words.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $bin = abs_path("$build/badgesite");
my $tmp = tempdir(CLEANUP => 1);
my $n = 0;
sub ok { my ($c, $name, @diag) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { print "#   $_\n" for @diag } return $c }
sub slurp { my ($f) = @_; open(my $fh, '<:raw', $f) or return ''; local $/; my $s = <$fh>; close $fh; return $s }
# the outline of a drawn badge: the first <path d> after </defs>
sub outline { my ($svg) = @_; return $svg =~ m{</defs>\s*<path d="([^"]+)"} ? $1 : '' }

# a copy: a build takes its lock inside the site folder
system("cp -r tests/sites/atingi '$tmp/src'") == 0 or die;
my $out = `'$bin' build '$tmp/src' -o '$tmp/at' -j 1 --quiet --no-cache 2>&1`;
ok($? == 0, "the atingi site builds", $out);
ok($out !~ /warning/, "without warnings", $out);
$out = `'$bin' build . -o '$tmp/ex' -j 1 --quiet --no-cache 2>&1`;
ok($? == 0, "the example site builds", $out);

my %example;
for my $svg (glob("$tmp/ex/badges/*/badge.svg")) { $example{outline(slurp($svg))} = 1 }
my @badges = map { m{/badges/([^/]+)/badge\.svg$} } glob("$tmp/at/badges/*/badge.svg");
ok(@badges == 7, "all seven badges have an SVG", scalar @badges);
my (%outlines, @bad);
for my $id (@badges) {
    my $svg = slurp("$tmp/at/badges/$id/badge.svg");
    my $o = outline($svg);
    $outlines{$o}++;
    push @bad, "$id: no outline" unless $o;
    push @bad, "$id: an outline of the example" if $example{$o};
    push @bad, "$id: has <text>" if $svg =~ /<text/;
    push @bad, "$id: refers outside" if $svg =~ /href|http:\/\/(?!www\.w3\.org|purl\.org\/dc\/)/;
    my $png = slurp("$tmp/at/badges/$id/badge.png");
    my ($w, $h) = length($png) > 24 ? unpack('N2', substr($png, 16, 8)) : (0, 0);
    push @bad, "$id: PNG is ${w}x$h" unless substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n" && $w == 600 && $h == 600;
    my $lint = `xmllint --noout --nonet '$tmp/at/badges/$id/badge.svg' 2>&1`;
    push @bad, "$id: not well-formed: $lint" if $?;
}
ok(!@bad, "every SVG is well-formed, has its own outline, no <text>, and a 600 x 600 PNG", @bad);
ok(keys(%outlines) == 3, "three classes, three outlines (capsule, crest, drop)", join(' ', map { substr($_, 0, 30) } keys %outlines));
like_desc();
sub like_desc {
    my $svg = slurp("$tmp/at/badges/solar-installer/badge.svg");
    ok($svg =~ m{<desc>Compound badge, formal: crest in the vocational colour, 160 hours \(3 of 3 stars\), assessed by summative</desc>},
       "the description says what the look encodes", $svg =~ m{(<desc>.*?</desc>)} ? $1 : 'no desc');
    ok($svg =~ /#e3b23c/ && $svg =~ /#27803d/, "160 hours is gold; vocational is green");
}
my $page = slurp("$tmp/at/visual-language/index.html");
ok($page =~ /Competence colour/ && $page =~ /entrepreneurship/ && $page =~ /120 or more/,
   "the legend shows the atingi spec");

# a pinned font draws the words: same site, DejaVu Sans Condensed Bold
my $font = '/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf';
SKIP: {
    if (!-f $font) { ok(1, "# skip: no $font"); last SKIP }
    system("cp -r tests/sites/atingi '$tmp/site' && mkdir -p '$tmp/site/assets/fonts' && cp '$font' '$tmp/site/assets/fonts/Pinned.ttf'");
    my $spec = slurp("$tmp/site/assets/visual-language.json");
    $spec =~ s/"canvas":/"font": "assets\/fonts\/Pinned.ttf",\n  "canvas":/;
    open(my $fh, '>', "$tmp/site/assets/visual-language.json") or die; print $fh $spec; close $fh;
    $out = `'$bin' build '$tmp/site' -o '$tmp/pinned' --quiet --no-cache 2>&1`;
    ok($? == 0, "the site builds with a pinned font", $out);
    my $a = slurp("$tmp/at/badges/solar-installer/badge.svg");
    my $b = slurp("$tmp/pinned/badges/solar-installer/badge.svg");
    ok(outline($a) eq outline($b) && $a ne $b, "the pinned font changes the words, not the shape");
    $spec =~ s/Pinned\.ttf/Missing.ttf/;
    open($fh, '>', "$tmp/site/assets/visual-language.json") or die; print $fh $spec; close $fh;
    $out = `'$bin' check '$tmp/site' 2>&1`;
    ok($? != 0 && $out =~ /visual-language\.json:\d+:\d+: error: font file 'assets\/fonts\/Missing.ttf' not found/,
       "a missing font file is an error at its line", $out);
}
print "1..$n\n";
