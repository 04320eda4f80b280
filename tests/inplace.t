#!/usr/bin/perl
# A cached build starts from the site before the last one, kept beside OUT
# as .OUT.prev with a record of its files in SITE/.badgesite-cache/trees/,
# and brings it up to date in place before swapping it in: unchanged files
# stay where they are (same inode), changed ones are written as new files
# (never through a name OUT or the cache shares), files and folders no
# output makes any more are removed, and whatever was written into the
# kept site by hand is found and undone. After every step OUT equals a
# --no-cache build, file for file.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }
sub edit { my ($f, $from, $to) = @_; my $d = slurp($f); $d =~ s/\Q$from\E/$to/ or die "no '$from' in $f"; spew($f, $d) }
sub ino { (lstat($_[0]))[1] // 0 }
# every path under a folder (files, folders, links) and each file's bytes
sub tree {
    my ($dir) = @_;
    my %h;
    for my $f (split /\n/, `cd '$dir' && find . -mindepth 1 | LC_ALL=C sort`) {
        $h{$f} = -l "$dir/$f" ? "link" : -d "$dir/$f" ? "dir" : slurp("$dir/$f");
    }
    return \%h;
}
sub differ {
    my ($a, $b) = (tree($_[0]), tree($_[1]));
    my @d = grep { !defined $b->{$_} || $a->{$_} ne $b->{$_} } sort keys %$a;
    push @d, grep { !defined $a->{$_} } sort keys %$b;
    return @d;
}

my $site = "$tmp/site";
my ($out, $prev) = ("$tmp/out", "$tmp/.out.prev");
system("perl tools/bench/gensite.pl '$site' --badges 12 --pages 4") == 0 or die "gensite failed";
my $preview = '--quiet --base-url http://localhost:8000/';
my $builds = 0;
# a cached build into OUT, then a build from scratch to compare with
sub build {
    my ($what) = @_;
    my ($rc, $o) = run("'$bin' build '$site' -o '$out' $preview");
    my ($rc2, $o2) = run("'$bin' build '$site' -o '$tmp/fresh' --no-cache $preview");
    my @d = differ($out, "$tmp/fresh");
    ok($rc == 0 && $rc2 == 0 && !@d, "$what: OUT equals a build from scratch", $o, $o2, @d[0 .. ($#d < 9 ? $#d : 9)]);
}

build("a first build");
ok(!-e $prev, "a first build keeps no previous site (there was none)");
build("a second build");
ok(-d $prev && -f "$prev/badges/b1/index.html", "the second keeps the first beside OUT as .out.prev");
my @records = glob("$site/.badgesite-cache/trees/*");
ok(@records == 2, "and both trees have a record in the cache", @records);
ok(!-e "$tmp/.fresh.prev", "a --no-cache build keeps no previous site");

# unchanged files are left where they are: the kept site's page becomes
# OUT's page, the same file
my $page = ino("$prev/badges/b1/index.html");
my $png = ino("$prev/badges/b1/badge.png");
build("a third build, the first in place");
ok(ino("$out/badges/b1/index.html") == $page && ino("$out/badges/b1/badge.png") == $png,
   "an unchanged page and image are the kept site's own files, not written or linked again");

# a change is written as a new file: a copy of OUT made of hard links (the
# names OUT and the cache share) still holds the old bytes afterwards
system("cp -al '$out' '$tmp/links' && cp -a '$out' '$tmp/copy'") == 0 or die;
edit("$site/content/badges/b2.md", '"name": "', '"name": "Renamed ');
build("a badge renamed");
build("and built once more (the other tree brought up to date)");
my @through = differ("$tmp/links", "$tmp/copy");
ok(!@through, "no file was written through a name an earlier site shares", @through);
ok(slurp("$out/badges/b2/index.html") =~ /Renamed/ && slurp("$tmp/copy/badges/b2/index.html") !~ /Renamed/, "while the page did change");
system("rm -rf '$tmp/links' '$tmp/copy'");

# files and folders no output makes any more are removed from both trees
my ($pagedir) = map { s{^\Q$site/content/\E}{}r =~ s{\.md$}{}r } glob("$site/content/s2/*.md");
ok(-d "$out/$pagedir", "a free page is published at /$pagedir/");
unlink("$site/content/$pagedir.md") or die;
build("a free page removed");
ok(!-e "$out/$pagedir", "its folder is gone from OUT");
build("and built once more");
ok(!-e "$out/$pagedir" && !-e "$prev/$pagedir", "and from the kept site too");

# what was written into the kept site by hand is undone: a stray file and
# folder, a file edited, a file replaced by a folder and a folder by a file
spew("$prev/stray.txt", "stray\n");
spew("$prev/badges/b3/stray.html", "stray\n");
system("mkdir -p '$prev/straydir/deeper' && touch '$prev/straydir/deeper/x'") == 0 or die;
my $edited = slurp("$prev/badges/b4/index.html");
$edited =~ s/</>/;
spew("$prev/badges/b4/index.html", $edited);
system("rm '$prev/badges/b5/badge.svg' && mkdir '$prev/badges/b5/badge.svg'") == 0 or die;
system("rm -r '$prev/badges/b6' && touch '$prev/badges/b6'") == 0 or die;
symlink("/etc/passwd", "$prev/badges/b7/passwd.html") or die;
build("a kept site written to by hand");
ok(!-e "$out/stray.txt" && !-e "$out/straydir" && !-e "$out/badges/b3/stray.html" && !-l "$out/badges/b7/passwd.html",
   "stray files, folders and links are removed");

# a record that does not describe its tree whole is not trusted: the
# build starts from nothing
for my $r (glob("$site/.badgesite-cache/trees/*")) { my $d = slurp($r); spew($r, substr($d, 0, length($d) / 2)) }
spew("$prev/stray.txt", "stray\n");
build("a record cut short");
ok(!-e "$out/stray.txt", "and nothing of the unrecorded site is kept");

# a failed build changes nothing of OUT; the next good one is whole
my $before = tree($out);
edit("$site/content/badges/b8.md", '"class": "', '"class": "no-such-');
my ($rc, $o) = run("'$bin' build '$site' -o '$out' $preview");
ok($rc != 0, "a build with an error fails", $o);
my %now = %{tree($out)};
ok(!grep({ ($now{$_} // '') ne $before->{$_} } keys %$before) && keys(%now) == keys(%$before), "and OUT is as it was");
edit("$site/content/badges/b8.md", '"class": "no-such-', '"class": "');
build("the build after a failed one");

# --no-cache into OUT makes everything again and keeps no previous site
($rc, $o) = run("'$bin' build '$site' -o '$out' --no-cache $preview");
ok($rc == 0 && !-e $prev, "a --no-cache build removes the kept site", $o);
build("a cached build after it");

print "1..$n\n";
exit($fails ? 1 : 0);
