#!/usr/bin/perl
# kill -9 at any moment of a publish (issue 10): a copy of the example
# site (two dozen badges, three of them not yet published) is published
# with every page changed since the last time, and killed after a random
# delay spread over the publish's duration. After each kill OUT is either
# the old or the new complete site, and the next build (which checks the
# ledger and the snapshots as `check` does) succeeds and equals a
# --no-cache build.
# KILLS sets how many kills (default 100; 25 under ASan), KILL_SEED the
# seed (printed, so a failure can be replayed).
use strict;
use warnings;
use Cwd qw(abs_path);
use Digest::MD5;
use File::Find;
use File::Temp qw(tempdir);
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $bin = abs_path("$build/badgesite");
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok($$;@) { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }

# a digest of a whole folder: every path and its bytes (but the marker,
# which says whether build or publish wrote the folder)
sub tree {
    my ($dir) = @_;
    return '' unless -d $dir;
    my @f;
    find({ no_chdir => 1, wanted => sub { push @f, $_ if -f $_ && !m{/\.badgesite-output$} } }, $dir);
    my $md5 = Digest::MD5->new;
    for my $f (sort @f) {
        (my $rel = $f) =~ s/^\Q$dir\E//;
        $md5->add("$rel\0", slurp($f) // '', "\0");
    }
    return $md5->hexdigest;
}

my $seed = $ENV{KILL_SEED} // 20260610;
my $kills = $ENV{KILLS} // ($build =~ /asan/ ? 25 : 100);
print "# seed $seed, $kills kills (KILL_SEED=$seed KILLS=$kills to replay)\n";
srand($seed);

my $site = "$tmp/site";
mkdir $site or die;
system("cp -r site.json content layouts assets '$site/'") == 0 or die;
# the example awards badges: publishing needs an award secret
{ open(my $h, '>', "$tmp/award-secret") or die; print $h "a test secret, never a real one\n"; close $h; chmod 0600, "$tmp/award-secret" }
$ENV{BADGESITE_AWARD_SECRET} = "$tmp/award-secret";
my @fresh = qw(tep-participant tripartism-basics youre-hired);
my $ledger = join '', grep { my $l = $_; !grep { $l =~ m{/\Q$_\E/} } @fresh }
    split /^/, slurp("$site/content/published.txt");
my $json = slurp("$site/site.json");
my @state = ($json, $json =~ s/This framework site is an invented example\./An invented example, edited./r);
die "no footer to edit" if $state[0] eq $state[1];
# as it was before the three were first published
sub unpublish {
    spew("$site/content/published.txt", $ledger);
    system("rm -rf " . join(' ', map { "'$site/content/published/$_'" } @fresh)) == 0 or die;
}

# the two sites, built whole
my @ref;
for my $i (0, 1) {
    spew("$site/site.json", $state[$i]);
    my ($rc, $o) = run("'$bin' build '$site' -o '$tmp/ref$i' --no-cache --quiet");
    die "reference build $i failed: $o" if $rc;
    $ref[$i] = tree("$tmp/ref$i");
}
ok($ref[0] ne $ref[1], "the two states differ in every page");

# publishes not killed, timed: delays are spread over their duration,
# with the cache and without
my $out = "$tmp/out";
my %span;
for my $i (0 .. 3) {
    unpublish();
    spew("$site/site.json", $state[$i % 2]);
    my @flags = $i < 2 ? ('--no-cache') : ();
    my $t0 = time;
    my ($rc, $o) = run("'$bin' publish '$site' -o '$out' --quiet @flags");
    my $t = time - $t0;
    my $mode = @flags ? 'no-cache' : 'cache';
    $span{$mode} = $t if !defined $span{$mode} || $t < $span{$mode};
    ok($rc == 0 && tree($out) eq $ref[$i % 2], "a publish ($mode) that is not killed gives the whole site", $o);
}
printf "# kills fall within %.3f s (cache) and %.3f s (no cache)\n", $span{cache}, $span{'no-cache'};

my ($cur, %seen, @bad) = (1);
for my $k (1 .. $kills) {
    my $new = 1 - $cur;
    unpublish();
    spew("$site/site.json", $state[$new]);
    # one in five renders everything; the others take unchanged
    # files from the cache, so the kills fall mostly on what follows
    # rendering: the snapshots, the ledger and the swap
    my @flags = $k % 5 == 0 ? ('--no-cache') : ();
    my $delay = rand($span{@flags ? 'no-cache' : 'cache'});
    my $pid = fork() // die;
    unless ($pid) {
        open(STDERR, '>', '/dev/null');
        exec($bin, 'publish', $site, '-o', $out, '--quiet', @flags) or exit 127;
    }
    sleep($delay);
    kill('KILL', $pid);
    waitpid($pid, 0);
    my $killed = ($? & 127) == 9;
    $seen{$killed ? 'killed' : 'finished'}++;
    # a publish faster than the one timed (the machine's load changes):
    # later delays fall within a shorter span
    $span{@flags ? 'no-cache' : 'cache'} *= 0.85 unless $killed;
    my $got = tree($out);
    my $what = $got eq $ref[$cur] ? 'old' : $got eq $ref[$new] ? 'new' : 'neither';
    $seen{$what}++;
    my @why;
    push @why, sprintf("kill %d after %.3f s: OUT is neither the old nor the new site", $k, $delay) if $what eq 'neither';
    # the build checks the ledger and the snapshots as check does
    my ($brc, $bo) = run("'$bin' build '$site' -o '$out' --quiet");
    push @why, sprintf("kill %d after %.3f s: the next build fails: %s", $k, $delay, $bo) if $brc;
    push @why, sprintf("kill %d after %.3f s: the next build differs from a --no-cache build", $k, $delay)
        if !$brc && tree($out) ne $ref[$new];
    # only the site before OUT, kept for the next build to start from
    my @left = grep { !m{/\.out\.prev$} } glob("$tmp/.out.*");
    push @why, "kill $k: the next build left @left" if @left;
    push @bad, @why;
    $cur = $new;
}
print "# " . join(', ', map { "$_ $seen{$_}" } sort keys %seen) . "\n";
ok(!@bad, "after each of $kills kills OUT is the old or the new site and the next build passes and equals a --no-cache build", @bad);
ok(($seen{killed} // 0) >= $kills / 3, "and many publishes were killed midway", join(' ', %seen));
print "1..$n\n";
exit($fails ? 1 : 0);
