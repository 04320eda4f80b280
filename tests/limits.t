#!/usr/bin/perl
# Work limits: hostile inputs that once stalled a build for minutes (200 KB
# of nested block quotes or list items, a 5,000-column table, a designer
# SVG of 50,000 circles as a badge image and as an icon) now fail at the
# right file:line, and inputs just under each limit build. Times are
# printed as TAP comments, never asserted.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);
use Time::HiRes qw(time);

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $k) = (0, 0);
sub ok { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { print "#   $_\n" for map { split /\n/ } @d } $c }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }

# A fresh copy of the minimal site; $edit->($site) lays the input over it.
sub site {
    my ($edit) = @_;
    my $site = "$tmp/site" . ++$k;
    system("cp -r tests/sites/minimal '$site'") == 0 or die;
    $edit->($site);
    return $site;
}

# Append $md to the body of a content file after a blank line.
sub append { my ($file, $md) = @_; spew($file, slurp($file) . "\n$md") }
# The line of tests/sites/minimal/FILE where append's text starts.
sub start { my $d = slurp("tests/sites/minimal/$_[0]"); my $l = () = $d =~ /\n/g; $l + 2 }

# build (and check) SITE; both must exit $want, with $err in the output
sub case {
    my ($name, $want, $err, $edit) = @_;
    my $site = site($edit);
    my $t = time;
    my $out = `'$bin' build '$site' -o '$tmp/out$k' --no-cache --quiet 2>&1`;
    my $rc = $? >> 8;
    printf "# %s: build %.3f s\n", $name, time - $t;
    ok($rc == $want && ($err eq '' || index($out, $err) >= 0),
       "$name: build exits $want" . ($err ne '' ? " with '$err'" : ''),
       "exit $rc", substr($out, 0, 2000));
    return if $name =~ /svg image/; # check does not draw designer images
    $out = `'$bin' check '$site' 2>&1`;
    $rc = $? >> 8;
    ok($rc == $want && ($err eq '' || index($out, $err) >= 0),
       "$name: check exits $want", "exit $rc", substr($out, 0, 2000));
}

my $badge = 'content/badges/meetup.md';
my $line = start($badge);
my $edit_badge = sub { my ($md) = @_; sub { append("$_[0]/$badge", $md) } };

# ---- Markdown nesting ----
my $deep = '>' x 200_000 . " x\n";
# the message names the line where the nesting begins, past the front matter
case('200 KB of nested block quotes', 1, "$badge:$line:1: error: block quotes and lists nest more than 32", $edit_badge->($deep));
my $list = join '', map { '  ' x $_ . "- x\n" } 0 .. 440;
case('200 KB of nested list items', 1, "$badge:" . ($line + 32) . ":65: error: block quotes and lists nest more than 32", $edit_badge->($list));
case('200 KB of list markers on one line', 1, "$badge:$line:1: error: block quotes and lists nest", $edit_badge->('- ' x 100_000 . "x\n"));
my $quotes = join '', map { '>' x $_ . " x\n" } 1 .. 600;
case('a block quote a level deeper on each line', 1, "$badge:" . ($line + 32) . ":33: error", $edit_badge->($quotes));
case('block quotes 32 deep build', 0, '', $edit_badge->('>' x 32 . " x\n"));
case('lists 32 deep build', 0, '', $edit_badge->(join '', map { '  ' x $_ . "- x\n" } 0 .. 31));
case('lists 20 deep with 4-space indents build', 0, '', $edit_badge->(join '', map { '    ' x $_ . "- x\n" } 0 .. 19));
case('block quotes 33 deep fail', 1, 'nest more than 32 levels', $edit_badge->('>' x 33 . " x\n"));

# the same in a glossary term and a page
my $term = 'content/glossary/digital-badge.md';
case('nested block quotes in a term', 1, "$term:" . start($term) . ":1: error: block quotes", sub { append("$_[0]/$term", $deep) });
my $page = 'content/about/contact.md';
case('nested block quotes in a page', 1, "$page:" . start($page) . ":1: error: block quotes", sub { append("$_[0]/$page", $deep) });

# ---- tables ----
sub table {
    my ($cols, $rows) = @_;
    return '|' . join('|', map { "c$_" } 1 .. $cols) . "|\n" . '|' . ('-|' x $cols) . "\n" . ('|' . ('x|' x $cols) . "\n") x $rows;
}
case('a 5,000-column table', 1, "$badge:$line:1: error: this table row has 5000 cells; a table may have at most 200 columns", $edit_badge->(table(5000, 10)));
case('a row of 100,000 cells in a small table', 1, "$badge:" . ($line + 2) . ":1: error: this table row has 100000 cells", $edit_badge->(table(2, 0) . "a" . "|b" x 99_999 . "\n"));
case('a header paragraph of 100,000 pipes', 1, "$badge:$line:1: error: this table row has 100000 cells", $edit_badge->("a" . "|b" x 99_999 . "\n-|-\n"));
case('a table of 50,100 cells', 1, "$badge:$line:1: error: this table has 50100 cells (100 columns, 501 rows)", $edit_badge->(table(100, 500)));
case('a 200-column table builds', 0, '', $edit_badge->(table(200, 3)));
case('a table of 50,000 cells builds', 0, '', $edit_badge->(table(100, 499)));

# ---- designer SVG ----
sub circles {
    my ($count, $depth) = @_;
    my $svg = qq(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n) . "<g>\n" x $depth;
    $svg .= sprintf(qq(<circle cx="%d" cy="%d" r="%d"/>\n), $_ % 100, int($_ / 100) % 100, 1 + $_ % 7) for 1 .. $count;
    return $svg . "</g>\n" x $depth . "</svg>\n";
}
sub own_image {
    my ($svg) = @_;
    return sub {
        mkdir "$_[0]/assets"; mkdir "$_[0]/assets/img";
        spew("$_[0]/assets/img/own.svg", $svg);
        my $d = slurp("$_[0]/$badge");
        $d =~ s/"description"/"image": "assets\/img\/own.svg",\n  "description"/ or die;
        spew("$_[0]/$badge", $d);
    };
}
sub icon {
    my ($svg) = @_;
    return sub {
        mkdir "$_[0]/assets"; mkdir "$_[0]/assets/icons";
        spew("$_[0]/assets/icons/h.svg", $svg);
        spew("$_[0]/assets/visual-language.json", qq({\n  "channels": {\n    "shape": {"field": "formality", "scale": {"formal": "circle", "informal": "hexagon"}},\n    "fill": {"field": "class", "default": "#336699"},\n    "icon": {"field": "class", "default": "assets/icons/h.svg"},\n    "caption": {"field": "name", "template": "{{name}}"}\n  }\n}\n));
    };
}
my $many = circles(50_000, 0);
case('svg image of 50,000 circles', 1, "assets/img/own.svg:5001: error: assets/img/own.svg has more than 5000 elements", own_image($many));
case('svg icon of 50,000 circles', 1, "assets/icons/h.svg:5001: error: assets/icons/h.svg has more than 5000 elements", icon($many));
case('svg image of 5,000 elements builds', 0, '', own_image(circles(4999, 0)));
case('svg icon of 5,000 elements builds', 0, '', icon(circles(4999, 0)));
case('svg image nested 33 deep', 1, "assets/img/own.svg:33: error: assets/img/own.svg nests elements more than 32 deep", own_image(circles(1, 31)));
case('svg icon nested 33 deep', 1, "assets/icons/h.svg:33: error: assets/icons/h.svg nests elements more than 32 deep", icon(circles(1, 31)));
case('svg image nested 32 deep builds', 0, '', own_image(circles(1, 30)));
case('svg icon nested 32 deep builds', 0, '', icon(circles(1, 30)));

print "1..$n\n";
