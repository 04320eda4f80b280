#!/usr/bin/perl
# Every badge of the example site has a QR code that decodes to its
# criteria URL: the file badges/<id>/qr.svg, and the codes drawn inline on
# its criteria page and its poster. Each is rasterised with rsvg-convert
# and read back with zbarimg (make check installs both: librsvg2-bin,
# zbar-tools). The expected URL is the BadgeClass's criteria id.
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
sub spew { my ($f, $d) = @_; open(my $fh, '>:raw', $f) or die "$f: $!"; print $fh $d; close $fh }

for my $tool (qw(rsvg-convert zbarimg)) {
    next if system("command -v $tool >/dev/null 2>&1") == 0;
    print "1..0 # SKIP $tool is missing: make check installs it\n";
    exit 0;
}

# the text zbarimg reads in an SVG, or what went wrong
sub decode {
    my ($svg, $name) = @_;
    spew("$tmp/$name.svg", $svg);
    my $err = `rsvg-convert -w 330 -h 330 -b white '$tmp/$name.svg' -o '$tmp/$name.png' 2>&1`;
    return "rsvg-convert: $err" if $?;
    my $got = `zbarimg --raw -q '$tmp/$name.png' 2>/dev/null`;
    return "zbarimg found no code" if $?;
    chomp $got;
    return $got;
}

my $out = `'$bin' build . -o '$tmp/ex' -j 2 --quiet --no-cache 2>&1`;
ok($? == 0, "the example site builds", $out);
my @ids = sort grep { !/^by-/ } map { m{/badges/([^/]+)/$} } glob("$tmp/ex/badges/*/");
ok(@ids >= 20, scalar(@ids) . " badges");
my $bad = 0;
for my $id (@ids) {
    # the current version: the highest vN folder, else the badge's own
    my @v = sort { $b <=> $a } map { m{/v(\d+)/$} } glob("$tmp/ex/badges/$id/v*/");
    my $dir = @v ? "badges/$id/v$v[0]" : "badges/$id";
    my ($want) = slurp("$tmp/ex/$dir/badge.json") =~ /"criteria":\s*\{\s*"id":\s*"([^"]+)"/;
    my $page = slurp("$tmp/ex/$dir/index.html");
    my $poster = slurp("$tmp/ex/badges/$id/poster/index.html");
    my %codes = (
        'qr.svg' => slurp("$tmp/ex/badges/$id/qr.svg"),
        'criteria page' => ($page =~ m{(<svg [^>]*class="qr".*?</svg>)}s)[0] // '',
        'poster' => ($poster =~ m{(<svg [^>]*class="qr".*?</svg>)}s)[0] // '',
    );
    for my $what (sort keys %codes) {
        my $got = $codes{$what} ? decode($codes{$what}, "$id-" . ($what =~ s/\W/-/gr)) : "no QR code";
        $bad++ unless ok(defined $want && $got eq $want, "$id: the $what QR code decodes to its criteria URL",
            "got:  $got", "want: " . ($want // '(no criteria id in badge.json)'));
    }
    ok($page =~ m{<svg [^>]*role="img" aria-label="QR code of \Q$want\E"}, "$id: the inline code is an image with a name")
        if defined $want;
}
ok($bad == 0, "every QR code decodes ($bad failed)");
print "1..$n\n";
