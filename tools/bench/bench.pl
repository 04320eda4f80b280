#!/usr/bin/perl
# bench.pl: `make bench`. Builds synthetic sites (gensite.pl) with badgesite
# and the same Markdown pages with Hugo, on tmpfs, at the default -j, and
# prints one table. Figures for people, never assertions: no number fails.
# Pages come in two sets, plain and rich (gensite.pl --rich), each beside
# Hugo (--pages: only those rows). For badge sites it also times
# `badgesite serve`: from saving one badge to the rebuilt page being served
# and the reload event sent (--serve: only the badge sites, without Hugo).
# Images: the cold badge builds and the example site (the repository's
# root) are also built on one thread for their CPU time per badge, and
# their badges and social cards go through tools/bench/pngenc.c (every
# PNG filter and libdeflate level, optipng -o2's size beside ours); the
# badge images and cards of the 200-badge site and the example are timed
# apart from the rest of the build by tools/bench/badgeimg.c.
#
#   perl tools/bench/bench.pl [BADGESITE] [--quick] [--reps N] [--serve|--pages]
#   perl tools/bench/bench.pl [BADGESITE] --scale [--sizes 1000,5000,...]
#                             [--cold-max N] [--sites DIR] [--reps N]
#
# Wall time is taken around each build; peak RSS comes from
# /usr/bin/time -v. Hugo and badgesite build the same pages one after the
# other, pair by pair, each into an empty output folder, and the Hugo/ours
# ratio is the median of the pairs' ratios, so a slow moment of the machine
# hits both sides of a pair. CPU H/o is the same for the CPU time (user
# and system) of the two builds, which a busy machine moves less.
#
# --scale runs only the scaling rows instead: generated badge sites of each
# size (default 1000, 5000, 20000, 50000), built cold (--no-cache; only up
# to --cold-max badges, 5000 by default: images make a cold build of 50,000
# badges take many minutes), warm (cache filled, nothing changed) and after
# editing one badge, each with --timings, and `badgesite check` of it. It
# prints the median of each stage, the cost per badge, the median peak RSS
# and that peak per badge (the whole process: the fixed part of the
# program and its libraries weighs on the small sizes), and per stage the
# exponent k of t = c * N^k
# fitted by least squares on log t against log N: 1 is linear. --sites DIR
# keeps the sites and their caches in DIR/sN (made when missing), so that
# a second run starts warm.
use strict;
use warnings;
use File::Path qw(make_path remove_tree);
use File::Basename qw(dirname);
use Cwd qw(abs_path);
use Time::HiRes qw(time sleep);
use Getopt::Long;
use HTTP::Tiny;
use IO::Select;
use IO::Socket::INET;

my ($quick, $reps, $scale, $sizes, $cold_max, $sites, $serve, $pages_only) = (0, 3, 0, '1000,5000,20000,50000', 5000, undef, 0, 0);
GetOptions('quick' => \$quick, 'reps=i' => \$reps, 'scale' => \$scale, 'sizes=s' => \$sizes,
           'cold-max=i' => \$cold_max, 'sites=s' => \$sites, 'serve' => \$serve, 'pages' => \$pages_only)
    or die "usage: bench.pl [BADGESITE] [--quick] [--reps N] [--serve|--pages] [--scale [--sizes N,N..] [--cold-max N] [--sites DIR]]\n";
my $bin = abs_path($ARGV[0] || 'build/badgesite');
-x $bin or die "bench: $bin is not a program; run make first\n";
-x '/usr/bin/time' or die "bench: /usr/bin/time is missing (Debian package 'time')\n";
my $gen = dirname(abs_path(__FILE__)) . '/gensite.pl';
my $pngenc = dirname($bin) . '/pngenc';
my $badgeimg = dirname($bin) . '/badgeimg';
my $shm = -d '/dev/shm' && -w '/dev/shm' ? '/dev/shm' : '/tmp';
my $root = "$shm/badgesite-bench-$$";
my $hugo = `command -v hugo 2>/dev/null`;
chomp $hugo;
my $base = 'http://bench.example/';    # a preview build: no ledger written
END { remove_tree($root) if $root && -d $root }

# Runs a command with its output discarded; returns wall seconds, peak
# RSS in KB and CPU seconds, user and system (/usr/bin/time -v); dies when
# the command fails (but for exit 1, content errors, while $content_errors_ok
# is set: a generated site's lint may find look-alikes, which do not stop
# the measuring).
our $content_errors_ok = 0;
sub run {
    my @cmd = @_;
    my $tf = "$root/time.txt";
    my $t0 = time;
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open(STDOUT, '>', '/dev/null');
        open(STDERR, '>', "$root/stderr.txt");
        exec('/usr/bin/time', '-v', '-o', $tf, @cmd) or exit 127;
    }
    waitpid($pid, 0);
    my $wall = time - $t0;
    if ($? && !($content_errors_ok && $? >> 8 == 1)) {
        system('cat', "$root/stderr.txt");
        die "bench: failed: @cmd\n";
    }
    open(my $h, '<', $tf) or die "$tf: $!";
    my ($rss, $cpu) = (0, 0);
    while (<$h>) {
        $rss = $1 if /Maximum resident set size \(kbytes\): (\d+)/;
        $cpu += $1 if /(?:User|System) time \(seconds\): ([\d.]+)/;
    }
    return ($wall, $rss, $cpu);
}

sub median { my @s = sort { $a <=> $b } @_; return @s % 2 ? $s[$#s / 2] : ($s[@s / 2 - 1] + $s[@s / 2]) / 2 }
sub max { my $m = shift; $_ > $m and $m = $_ for @_; return $m }
sub gensite { system('perl', $gen, @_) == 0 or die "bench: gensite.pl @_ failed\n" }

sub ours {
    my ($site, @opt) = @_;
    return ($bin, 'build', $site, '-o', "$site.out", '--quiet', '--base-url', $base, @opt);
}
sub theirs { my ($h) = @_; return ($hugo, '--quiet', '--source', $h, '--destination', "$h.out", '--cacheDir', "$root/hugo-cache") }

my @rows;
sub row {
    my @c = map { $_ // '' } @_[0 .. 7];
    push @rows, sprintf("%-36s %8s %14s %13s %8s %10s %10s %10s", @c) =~ s/\s+$//r;
}
sub mb { return sprintf("%.0f", $_[0] / 1024) }
row('case', 'wall s', 'per item', 'rate', 'peak MB', 'Hugo/ours', 'RSS H/o', 'CPU H/o');

make_path($root);
if ($scale) {
    scale();
    exit 0;
}
# two sets of free pages: the plain one (criteria-like text of about
# 1.5 KB: headings, a list, a table, a link) and the rich one (about
# 3.3 KB: nested lists, two tables, code, a quote, links in and out)
my @page_sets = map { my $n = $_; ([$n, ''], [$n, 'rich']) } $serve ? () : $quick ? (1000) : (1000, 10000);
for my $set (@page_sets) {
    my ($pages, $kind) = @$set;
    my $what = $kind ? "$pages $kind pages" : "$pages pages";
    my ($s, $h) = ("$root/pages-$pages$kind", "$root/hugo-$pages$kind");
    gensite($s, '--pages', $pages, '--hugo', $h, $kind ? ('--rich') : ());
    # pages are compared as whole builds (no cache: everything rendered);
    # one untimed build each warms the OS caches and the programs' pages
    remove_tree("$s.out"); run(ours($s, '--no-cache'));
    if ($hugo) { remove_tree("$h.out"); run(theirs($h)) }
    my (@w, @r, @hw, @hr, @ratio, @rratio, @cratio);
    for (1 .. $reps) {
        remove_tree("$s.out");
        my ($w, $r, $c) = run(ours($s, '--no-cache'));
        push @w, $w; push @r, $r;
        next unless $hugo;
        remove_tree("$h.out");
        my ($x, $y, $z) = run(theirs($h));
        push @hw, $x; push @hr, $y; push @ratio, $x / $w; push @rratio, $y / ($r || 1);
        push @cratio, $z / ($c || 0.01);
    }
    my $w = median(@w);
    row("badgesite, $what", sprintf("%.2f", $w), sprintf("%.0f us/page", 1e6 * $w / $pages),
        sprintf("%.0f pages/s", $pages / $w), mb(max(@r)),
        $hugo ? sprintf("%.1fx", median(@ratio)) : 'no hugo', $hugo ? sprintf("%.1fx", median(@rratio)) : '',
        $hugo ? sprintf("%.1fx", median(@cratio)) : '');
    if ($hugo) {
        my $x = median(@hw);
        row("hugo, $what", sprintf("%.2f", $x), sprintf("%.0f us/page", 1e6 * $x / $pages),
            sprintf("%.0f pages/s", $pages / $x), mb(max(@hr)));
    }
    # and a rebuild with nothing changed, from a filled cache
    run(ours($s));
    my @c = map { (run(ours($s)))[0] } 1 .. $reps;
    row('  rebuild, nothing changed (cache)', sprintf("%.2f", median(@c)),
        sprintf("%.0f us/page", 1e6 * median(@c) / $pages));
    remove_tree($s, "$s.out", $h, "$h.out");
}

if ($pages_only) { report(); exit 0 }
for my $badges ($quick ? (200) : (200, 2000)) {
    my $s = "$root/badges-$badges";
    gensite($s, '--badges', $badges);
    my (@w, @r);
    for (1 .. ($badges > 500 ? 2 : $reps)) {
        remove_tree("$s.out");
        my ($w, $r) = run(ours($s, '--no-cache'));
        push @w, $w; push @r, $r;
    }
    my $w = median(@w);
    row("badgesite, $badges badges, no cache", sprintf("%.2f", $w), sprintf("%.2f ms/badge", 1e3 * $w / $badges),
        sprintf("%.0f badges/s", $badges / $w), mb(max(@r)));
    # fill the image cache, then rebuild with nothing changed and after
    # editing one badge's criteria (a different badge each time)
    run(ours($s));
    my (@u, @ur, @e, @er);
    for my $k (1 .. $reps) {
        my ($x, $y) = run(ours($s));
        push @u, $x; push @ur, $y;
        my $f = "$s/content/badges/b" . (1 + int($k * $badges / ($reps + 1))) . ".md";
        open(my $fh, '>>', $f) or die "$f: $!";
        print $fh "\nEdited for the bench ($k).\n";
        close $fh;
        ($x, $y) = run(ours($s));
        push @e, $x; push @er, $y;
    }
    my $u = median(@u);
    row('  rebuild, nothing changed', sprintf("%.2f", $u), '', '', mb(max(@ur)));
    row('  rebuild after editing one badge', sprintf("%.2f", median(@e)), '', '', mb(max(@er)));
    row('  images, cards (no cache - rebuild)', '', sprintf("%.2f ms/badge", 1e3 * ($w - $u) / $badges),
        sprintf("%.0f badges/s", $badges / (($w - $u) || 1)));
    my ($sv, $svn) = serve_edit($s, $badges);
    row('  serve: save one badge to reload', sprintf("%.3f", $sv), '', '', '', '', '') if $svn;
    # the same cold build on one thread: CPU time per badge, best of three
    my @one = map { remove_tree("$s.out"); (run(ours($s, '--no-cache', '-j', '1')))[2] } 1 .. 3;
    my ($cpu) = sort { $a <=> $b } @one;
    row('  no cache, -j 1: CPU per badge', '', sprintf("%.2f ms/badge", 1e3 * $cpu / $badges));
    # PNG encoding alone, one thread, on 200 of these badges' SVGs and 50
    # of their cards: filters and libdeflate's levels, and optipng -o2's
    # size beside ours (tools/bench/pngenc.c)
    encoders("generated site of $badges badges", "$s.out") if $badges == 2000 || $quick;
    badge_images("generated site of $badges badges", $s) if $badges == 200;
    remove_tree($s, "$s.out", "$s/.badgesite-cache");
}

# the example site (the repository's root, when the bench runs there):
# its badges and cards through every encoder
if (!$serve && -f 'site.json' && -d 'content/badges') {
    my @ex = ($bin, 'build', '.', '-o', "$root/example.out", '--quiet', '--no-cache', '--base-url', $base);
    my (@w, @c);
    for (1 .. $reps) {
        remove_tree("$root/example.out");
        push @w, (run(@ex))[0];
        remove_tree("$root/example.out");
        push @c, (run(@ex, '-j', '1'))[2];
    }
    my $n = () = glob("$root/example.out/badges/*/badge.svg");
    my ($cpu) = sort { $a <=> $b } @c;
    row("example site, $n badges, no cache", sprintf("%.2f", median(@w)), sprintf("%.2f ms/badge", 1e3 * median(@w) / ($n || 1)));
    row('  no cache, -j 1: CPU per badge', '', sprintf("%.2f ms/badge", 1e3 * $cpu / ($n || 1)));
    encoders('example site', "$root/example.out");
    badge_images('example site', '.');
    remove_tree("$root/example.out");
}

# awards (issue 14): a batch of earners per 5,000, built cold, rebuilt
# with nothing changed, and after adding 100 awards in a new batch
for my $awards ($quick ? (5000) : (50000)) {
    my $s = "$root/awards-$awards";
    gensite($s, '--badges', 20, '--awards', $awards);
    remove_tree("$s.out");
    my ($w, $r) = run(ours($s, '--no-cache'));
    row("badgesite, $awards awards, no cache", sprintf("%.2f", $w), sprintf("%.0f us/award", 1e6 * $w / $awards),
        sprintf("%.0f awards/s", $awards / $w), mb($r));
    # the same with a throw-away signing key: each award also a signed
    # OB 3.0 credential (a did:web needs an https address)
    my $key = "$root/awards-signing-key.json";
    unlink $key;
    if (system("'$bin' keys new --out '$key' >/dev/null") == 0) {
        my @o = ours($s, '--no-cache', '--key', $key);
        s{^http://}{https://} for @o;
        remove_tree("$s.out");
        my ($ws, $rs) = run(@o);
        row('  with signed credentials, no cache', sprintf("%.2f", $ws),
            sprintf("%.0f us/credential", 1e6 * ($ws - $w) / $awards), '', mb($rs));
        # signed, with the cache: then 100 awards more (each signed, the
        # status lists signed again, the rest linked from the cache)
        my @c = grep { $_ ne '--no-cache' } @o;
        # twice: the second keeps the first beside OUT for the next to
        # bring up to date in place, as every rebuild after it does
        run(@c);
        run(@c);
        open(my $sh, '>', "$s/content/awards/bench-added.csv") or die "$!";
        print $sh "badge,recipient,issued\n";
        print $sh "b1,signed$_\@learners.test,2025-12-01\n" for 1 .. 100;
        close $sh;
        my ($xs, $ys) = run(@c);
        row('  signed, rebuild after adding 100', sprintf("%.2f", $xs), '', '', mb($ys));
        unlink "$s/content/awards/bench-added.csv";
        remove_tree("$s.out", "$s/.badgesite-cache");
        unlink $key;
    }
    run(ours($s));
    run(ours($s));
    my ($u, $ur) = run(ours($s));
    row('  rebuild, nothing changed', sprintf("%.2f", $u), '', '', mb($ur));
    open(my $fh, '>', "$s/content/awards/bench-added.csv") or die "$!";
    print $fh "badge,recipient,issued\n";
    print $fh "b1,added$_\@learners.test,2025-12-01\n" for 1 .. 100;
    close $fh;
    my ($x, $y) = run(ours($s));
    row('  rebuild after adding 100 awards', sprintf("%.2f", $x), '', '', mb($y));
    remove_tree($s, "$s.out", "$s/.badgesite-cache");
}

report();

sub report {
    my $cores = `nproc` =~ s/\s+//r;
    my $hv = $hugo ? (`$hugo version` =~ /(v[\d.]+\S*)/)[0] : 'not installed';
    my $ov = `$bin --version` =~ s/\s+$//r;
    print "$ov against hugo $hv; sites and output on $shm; default -j on $cores cores; median of $reps\n";
    print "(2 for 2000 badges); a badge is drawn as one SVG and one 600 px PNG\n" unless $pages_only;
    print "$_\n" for @rows;
}

# PNG encoding alone (tools/bench/pngenc.c) on a built site OUT: up to
# 200 of its badges' SVGs (each rasterised once) and 50 of its social
# cards, every filter and level in turn; optipng -o2 on 24 badges and 10
# cards as the program writes them.
sub encoders {
    my ($what, $out) = @_;
    return unless -x $pngenc;
    my $opt = `command -v optipng 2>/dev/null` ? 1 : 0;
    for my $k (['badge.svg', 200, 24, 'badges'], ['card.png', 50, 10, 'social cards']) {
        my @f = grep { defined } (glob("$out/badges/*/$k->[0]"))[0 .. $k->[1] - 1];
        next unless @f;
        push @rows, sprintf("%s, %d %s (one thread, ms and KB per image)", $what, scalar @f, $k->[3]);
        push @rows, map { s/\s+$//r } `$pngenc --optipng @{[$opt ? $k->[2] : 0]} @f`;
    }
}

# A site's badge images alone (tools/bench/badgeimg.c): per badge, the SVG
# and the 600 px PNG, then the social card apart; CPU on one thread and
# wall on every core.
sub badge_images {
    my ($what, $site) = @_;
    return unless -x $badgeimg;
    push @rows, "$what: badge images alone, then the card (tools/bench/badgeimg.c)";
    push @rows, map { s/\s+$//r } `$badgeimg '$site'`;
}

# badgesite serve on a site whose cache is filled: the median time from
# saving one badge (a different one each time) to the page showing the
# edit being served and the reload event received on an open event
# stream, as a browser showing the page would see them. Returns the
# median and the number of edits timed.
sub serve_edit {
    my ($s, $badges) = @_;
    my $log = "$root/serve.log";
    open(my $lh, '>', $log) or die "$log: $!";
    close $lh;
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open(STDOUT, '>', '/dev/null');
        open(STDERR, '>', $log);
        exec($bin, 'serve', $s, '--port', '0') or exit 127;
    }
    my ($port, $base);
    for (1 .. 6000) {    # the first build: up to five minutes
        open(my $h, '<', $log) or die "$log: $!";
        local $/;
        (my $l = <$h> // '') =~ m{serving \S+ at http://127\.0\.0\.1:(\d+)(/\S*)} and ($port, $base) = ($1, $2);
        last if $port;
        sleep 0.05;
    }
    my @t;
    my $http = HTTP::Tiny->new(timeout => 10);
    for my $k (1 .. ($port ? $reps + 2 : 0)) {
        my $sse = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port) or last;
        print $sse "GET /__badgesite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        my ($stream, $sel) = ('', IO::Select->new($sse));
        while ($stream !~ /retry:/ && $sel->can_read(5)) { sysread($sse, my $c, 4096) or last; $stream .= $c }
        my $id = 1 + int(($k + 0.5) * $badges / ($reps + 3));
        my $mark = "Saved while serving ($k)";
        my $f = "$s/content/badges/b$id.md";
        my $t0 = time;
        open(my $fh, '>>', $f) or die "$f: $!";
        print $fh "\n$mark.\n";
        close $fh;
        my ($page, $reload);
        while (time - $t0 < 30 && !($page && $reload)) {
            $page ||= $http->get("http://127.0.0.1:$port${base}badges/b$id/")->{content} =~ /\Q$mark\E/ && time;
            while (!$reload && $sel->can_read(0.002)) {
                sysread($sse, my $c, 4096) or last;
                $stream .= $c;
                $reload = time if $stream =~ /event: reload/;
            }
        }
        close $sse;
        push @t, ($page > $reload ? $page : $reload) - $t0 if $page && $reload;
    }
    kill('INT', $pid);
    waitpid($pid, 0);
    return (@t ? median(@t) : 0, scalar @t);
}

# Runs a build with --timings; returns { stage => seconds }, with "wall"
# the wall time around the process.
sub timed {
    my ($w, $rss) = run(@_, '--timings');
    my %t = (wall => $w, rss => $rss);
    open(my $h, '<', "$root/stderr.txt") or die "$root/stderr.txt: $!";
    while (<$h>) { $t{$1} = $2 if /^(\w+)\s+([\d.]+) s$/ }
    return \%t;
}

# Least squares slope of log y on log x: the exponent of y = c * x^k.
sub exponent {
    my ($x, $y) = @_;
    my @p = grep { $y->[$_] > 0 } 0 .. $#$x;
    return undef if @p < 2;
    my @lx = map { log $x->[$_] } @p;
    my @ly = map { log $y->[$_] } @p;
    my ($mx, $my) = (0, 0);
    $mx += $_ / @p for @lx;
    $my += $_ / @p for @ly;
    my ($sxy, $sxx) = (0, 0);
    for (0 .. $#p) { $sxy += ($lx[$_] - $mx) * ($ly[$_] - $my); $sxx += ($lx[$_] - $mx)**2 }
    return $sxx ? $sxy / $sxx : undef;
}

sub scale {
    # the stages --timings prints, in order, then the whole build
    my @stages = qw(load validate plan render publish total);
    my @n = split /,/, $sizes;
    my %m;    # $m{$case}{$n}{$stage}: median seconds
    my $dir = $sites // $root;
    for my $badges (@n) {
        my $s = "$dir/s$badges";
        gensite($s, '--badges', $badges) unless -d "$s/content/badges";
        my $med = sub {
            my ($case, @runs) = @_;
            for my $st (@stages, 'wall', 'rss') {
                $m{$case}{$badges}{$st} = median(map { $_->{$st} // 0 } @runs);
            }
        };
        {
            # load, validate, views, lint, plan and links: the model alone
            local $content_errors_ok = 1;
            $med->('check', map { timed($bin, 'check', $s, '--quiet', '--base-url', $base) } 1 .. $reps);
        }
        if ($badges <= $cold_max) {
            my @c;
            for (1 .. ($badges > 2000 ? 2 : $reps)) {
                remove_tree("$s.out");
                push @c, timed(ours($s, '--no-cache'));
            }
            $med->('cold', @c);
        }
        # fill the cache (or bring it up to date), then rebuild with nothing
        # changed and after editing one badge (a different one each time)
        run(ours($s));
        my (@u, @e);
        for my $k (1 .. $reps) {
            push @u, timed(ours($s));
            my $f = "$s/content/badges/b" . (1 + int($k * $badges / ($reps + 1))) . ".md";
            open(my $fh, '>>', $f) or die "$f: $!";
            print $fh "\nEdited for the bench ($k).\n";
            close $fh;
            push @e, timed(ours($s));
        }
        $med->('warm', @u);
        $med->('edit', @e);
        remove_tree($s, "$s.out") unless $sites;
    }
    my $ov = `$bin --version` =~ s/\s+$//r;
    my $cores = `nproc` =~ s/\s+//r;
    print "$ov; badge sites on $dir; default -j on $cores cores; median of $reps",
        " (2 for cold above 2000 badges); seconds per stage from --timings\n";
    printf "%-6s %7s %8s %8s %8s %8s %8s %8s %8s %10s %9s %9s\n", 'case', 'badges', @stages, 'wall', 'us/badge',
        'peak MB', 'KB/badge';
    for my $case (qw(check cold warm edit)) {
        my @have = grep { $m{$case}{$_} } @n;
        next unless @have;
        for my $badges (@have) {
            my $r = $m{$case}{$badges};
            printf "%-6s %7d %s %8.3f %10.0f %9.0f %9.1f\n", $case, $badges,
                join(' ', map { sprintf "%8.3f", $r->{$_} } @stages), $r->{wall}, 1e6 * $r->{wall} / $badges,
                $r->{rss} / 1024, $r->{rss} / $badges;
        }
        next if @have < 2;
        my @k;
        for my $st (@stages, 'wall') {
            my $k = exponent(\@have, [map { $m{$case}{$_}{$st} } @have]);
            push @k, defined $k ? sprintf("%8.2f", $k) : sprintf("%8s", '-');
        }
        printf "%-6s %7s %s\n", $case, 'exp.', join(' ', @k);
    }
}
