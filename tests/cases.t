#!/usr/bin/perl
# Runs every fixture under tests/cases/<name>/: the base site named in
# `base` (default tests/sites/minimal) is copied, the case's `site/` files
# are laid over it and the files listed in `remove` deleted; then
# `badgesite build` (with the words of `args`) runs and must exit with
# `exit` (default 0). Every line of `stderr` must appear in its output, in
# order; every path in `files` must exist in the output; `absent` paths
# must not; `grep` and `nogrep` lines (PATH<TAB>TEXT) must and must not
# appear in an output file; each file under `expected/` must equal the
# output file; each path listed in `same` must equal the same file built
# from the base site as it is (files with a BOM or CRLF build identically).
use strict;
use warnings;
use File::Temp qw(tempdir);
use File::Find;
use File::Path qw(make_path);
use File::Copy qw(copy);

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $bin = "$build/badgesite";
my @cases = sort grep { -d } glob('tests/cases/*');
print "1.." . scalar(@cases) . "\n";
my $n = 0;
my %base_out; # base site -> its output, built once per run
my $base_tmp = tempdir(CLEANUP => 1);

sub slurp { my ($f) = @_; open(my $h, '<:raw', $f) or return undef; local $/; my $d = <$h>; close $h; return $d }
sub lines { my $d = slurp($_[0]); return () unless defined $d; return grep { length } split /\n/, $d }

sub copy_tree {
    my ($from, $to) = @_;
    find({ no_chdir => 1, wanted => sub {
        my $rel = substr($File::Find::name, length($from));
        return if $rel eq '';
        if (-d $_) { make_path("$to$rel") } else { copy($_, "$to$rel") or die "copy $_: $!" }
    } }, $from);
}

for my $case (@cases) {
    $n++;
    my $name = (split m{/}, $case)[-1];
    my $tmp = tempdir(CLEANUP => 1);
    my $site = "$tmp/site";
    make_path($site);
    my ($base) = lines("$case/base");
    $base ||= 'tests/sites/minimal';
    copy_tree($base, $site);
    copy_tree("$case/site", $site) if -d "$case/site";
    unlink("$site/$_") for lines("$case/remove");
    my @args = map { s/\@TMP\@/$tmp/gr } map { split ' ' } lines("$case/args");
    my $out = "$tmp/out";
    my $cmd = join(' ', map { "'$_'" } $bin, 'build', $site, '-o', $out, '--quiet', @args);
    my $stderr = `$cmd 2>&1`;
    my $code = $? >> 8;
    my @why;
    my ($want) = lines("$case/exit");
    $want = 0 unless defined $want;
    push @why, "exit $code, expected $want" if $code != $want;
    my $pos = 0;
    for my $line (lines("$case/stderr")) {
        my $i = index($stderr, $line, $pos);
        if ($i < 0) { push @why, "stderr lacks (in order): $line"; next }
        $pos = $i + length $line;
    }
    push @why, "crashed (sanitizer or signal)" if $stderr =~ /AddressSanitizer|runtime error:|Segmentation/;
    for my $f (lines("$case/files")) { push @why, "missing output $f" unless -e "$out/$f" }
    for my $f (lines("$case/absent")) { push @why, "unexpected output $f" if -e "$out/$f" }
    for my $g (lines("$case/grep")) {
        my ($f, $str) = split /\t/, $g, 2;
        my $got = slurp("$out/$f");
        push @why, "$f lacks: $str" unless defined $got && index($got, $str) >= 0;
    }
    for my $g (lines("$case/nogrep")) {
        my ($f, $str) = split /\t/, $g, 2;
        my $got = slurp("$out/$f");
        push @why, "$f is missing" unless defined $got;
        push @why, "$f contains: $str" if defined $got && index($got, $str) >= 0;
    }
    if (-e "$case/same") {
        unless ($base_out{$base}) {
            my $bo = "$base_tmp/" . scalar(keys %base_out);
            system("cp -r '$base' '$bo-site' && '$bin' build '$bo-site' -o '$bo' --quiet >/dev/null 2>&1");
            $base_out{$base} = $bo;
        }
        for my $f (lines("$case/same")) {
            my ($got, $want) = (slurp("$out/$f"), slurp("$base_out{$base}/$f"));
            push @why, "output $f differs from the clean base site's"
                unless defined $got && defined $want && $got eq $want;
        }
    }
    if (-d "$case/expected") {
        find({ no_chdir => 1, wanted => sub {
            return if -d $_;
            my $rel = substr($File::Find::name, length("$case/expected/"));
            my $got = slurp("$out/$rel");
            push @why, "output $rel differs" unless defined $got && $got eq slurp($_);
        } }, "$case/expected");
    }
    # a failed build never leaves anything behind
    if ($code != 0) {
        opendir(my $dh, $tmp);
        my @left = grep { /staging|\.old-/ } readdir($dh);
        push @why, "left a staging folder: @left" if @left;
        push @why, "wrote output after a failure" if -e "$out/index.html";
    }
    if (@why) {
        print "not ok $n - $name\n";
        print "#   $_\n" for @why;
        print "#   stderr: $_\n" for split /\n/, $stderr;
    } else {
        print "ok $n - $name\n";
    }
}
