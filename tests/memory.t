#!/usr/bin/perl
# Memory per badge: `badgesite check` of two generated sites (gensite.pl,
# 500 and 2,500 badges) on one thread, each under /usr/bin/time; what the
# 2,000 more badges add to the peak RSS, per badge, stays under a bound.
# Badge views are made by each output that reads them and released, the
# facts are released after the lint, the tables of front matter positions
# after validation and the frozen fields are made when needed: with all of
# them kept, each badge cost about 34 KB; now about 9 KB.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my $n = 0;
sub ok { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { print "#   $_\n" for map { split /\n/ } @d } $c }

my $bound = 14;    # KB per badge

unless (-x '/usr/bin/time') {
    print "1..0 # SKIP /usr/bin/time is missing (Debian package 'time': make check installs it)\n";
    exit 0;
}

# Peak RSS in KB of `badgesite check` of a generated site of $badges.
sub peak {
    my ($badges) = @_;
    my $site = "$tmp/s$badges";
    system('perl', 'tools/bench/gensite.pl', $site, '--badges', $badges) == 0 or die "gensite.pl failed\n";
    my $out = `/usr/bin/time -f 'peak %M' '$bin' check '$site' -j 1 --quiet --base-url http://bench.example/ 2>&1`;
    my $rc = $? >> 8;
    ok($rc == 0, "check of $badges generated badges succeeds", $out);
    my ($kb) = $out =~ /^peak (\d+)$/m;
    ok(defined $kb, "the peak RSS of $badges badges is measured", $out);
    return $kb // 0;
}

print "1..5\n";
my $small = peak(500);
my $large = peak(2500);
my $per = ($large - $small) / 2000;
printf "# peak RSS: %.1f MB at 500 badges, %.1f MB at 2,500: %.1f KB per badge\n", $small / 1024, $large / 1024, $per;
# a sanitizer's shadow memory and quarantine are most of a sanitized
# build's RSS (make asan runs this file on one): only the runs count there
my $sanitized = $bin =~ /asan/ || `ldd '$bin' 2>/dev/null` =~ /lib[at]san/;
if ($sanitized) {
    $n++;
    print "ok $n # SKIP the peak of a sanitized build is the sanitizer's\n";
} else {
    ok($per > 0 && $per <= $bound, "each badge adds at most $bound KB to the peak RSS of check",
       sprintf("%.1f KB per badge", $per));
}
