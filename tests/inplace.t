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
my ($rc, $o, $rc2, $o2) = run("'$bin' build '$site' -o '$out' $preview");
ok($rc != 0, "a build with an error fails", $o);
my %now = %{tree($out)};
ok(!grep({ ($now{$_} // '') ne $before->{$_} } keys %$before) && keys(%now) == keys(%$before), "and OUT is as it was");
edit("$site/content/badges/b8.md", '"class": "no-such-', '"class": "');
build("the build after a failed one");

# --no-cache into OUT makes everything again and keeps no previous site
($rc, $o) = run("'$bin' build '$site' -o '$out' --no-cache $preview");
ok($rc == 0 && !-e $prev, "a --no-cache build removes the kept site", $o);
build("a cached build after it");

# what the kept site holds is never trusted beyond its record: a folder
# replaced by a link is not followed (the files behind it stay), a file
# given other permissions is written again, a record without its last
# line (the root's) or naming a path outside its tree is refused, and a
# folder of the kept site's name that badgesite did not write is left
# alone
build("before the kept site is tampered with");
build("and again");
system("mkdir -p '$tmp/theme/css' && echo keep > '$tmp/theme/css/mine.css' && rm -rf '$prev/assets' && ln -s '$tmp/theme' '$prev/assets'") == 0 or die;
build("assets/ of the kept site replaced by a link to a folder elsewhere");
ok(slurp("$tmp/theme/css/mine.css") eq "keep\n", "the folder behind the link is untouched");
build("and built once more");
chmod(04755, "$out/badges/b9/index.html") or die;
build("a published page made setuid and executable");
build("and built once more (the tree that holds it brought up to date)");
ok(((stat("$out/badges/b9/index.html"))[2] & 07777) == ((stat("$tmp/fresh/badges/b9/index.html"))[2] & 07777),
   "it is written again with the permissions of a fresh build", sprintf("%o", (stat("$out/badges/b9/index.html"))[2]));
for my $r (glob("$site/.badgesite-cache/trees/[0-9]*")) {
    my @l = split /^/, slurp($r);
    pop @l;
    my @t = (stat($r))[8, 9];
    spew($r, join('', @l));
    utime(@t, $r);
}
spew("$prev/stray.html", "stray\n");
build("records without their last line");
ok(!-e "$out/stray.html", "are not trusted: the stray file is gone");
build("and built once more");
spew("$tmp/victim.txt", "mine\n");
for my $r (glob("$site/.badgesite-cache/trees/[0-9]*")) {
    my $d = slurp($r);
    $d =~ s/^(d - )/f 00000000000000000000000000000000 1 1 1 644 ..\/..\/victim.txt\n$1/m;
    spew($r, $d);
}
build("records naming a file outside their tree");
ok(slurp("$tmp/victim.txt") eq "mine\n", "and that file is untouched");
my $mine = "$tmp/.mine.prev";
system("mkdir -p '$mine/photos' && echo jpeg > '$mine/photos/a.jpg'") == 0 or die;
($rc, $o) = run("'$bin' build '$site' -o '$tmp/mine' $preview");
($rc2, $o2) = run("'$bin' build '$site' -o '$tmp/mine' $preview");
ok($rc == 0 && $rc2 == 0 && slurp("$mine/photos/a.jpg") eq "jpeg\n", "a folder named like a kept site that badgesite did not write is left alone", $o, $o2);

# as a user who cannot write everywhere (root writes anywhere, so as
# nobody when run as root): a kept site with a folder that cannot be
# written, or all of it read-only, makes the build start from nothing,
# never write through a shared file, never fail
my @as = ();
if ($> == 0) {
    @as = -x '/usr/bin/setpriv' ? qw(/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups) : ();
}
SKIP: {
    if ($> == 0 && !@as) { ok(1, "skipped: no setpriv to build as another user") for 1 .. 4; last SKIP }
    chmod(0711, $tmp) or die;
    my $w = "$tmp/ww";
    mkdir($w) or die;
    system("cp -r '$site' '$w/site' && rm -rf '$w/site/.badgesite-cache' && chmod -R a+rwX '$w' && chmod 0777 '$w'") == 0 or die;
    my $wb = join(' ', @as) . " '$bin' build '$w/site' -o '$w/out' $preview";
    my $wf = join(' ', @as) . " '$bin' build '$w/site' -o '$w/fresh' --no-cache $preview";
    run($wb) for 1 .. 3;
    my $page = "badges/b2/index.html";
    system("cp -a '$w/out' '$w/copy' && cp -al '$w/out' '$w/links' && chmod a-w '$w/.out.prev/badges/b2'") == 0 or die;
    edit("$w/site/content/badges/b2.md", '"name": "', '"name": "Edited ');
    my ($wrc, $wo) = run($wb);
    run($wf);
    my @d = differ("$w/out", "$w/fresh");
    ok($wrc == 0 && !@d, "a kept site with a folder that cannot be written: the build starts from nothing", $wo, @d[0 .. ($#d < 5 ? $#d : 5)]);
    @d = differ("$w/links", "$w/copy");
    ok(!@d, "and nothing was written through a file the published site shares", @d);
    system("chmod -R u+w '$w/.out.prev' 2>/dev/null; rm -rf '$w/copy' '$w/links'");
    system("chmod -R a-w '$w/out'") == 0 or die;
    edit("$w/site/content/badges/b2.md", '"name": "Edited ', '"name": "Again ');
    my ($r1, $o1) = run($wb);
    edit("$w/site/content/badges/b2.md", '"name": "Again ', '"name": "Once more ');
    my ($r2, $o2) = run($wb);
    run($wf);
    @d = differ("$w/out", "$w/fresh");
    ok($r1 == 0 && $r2 == 0 && !@d, "a read-only published site: the builds after it pass, whole", $o1, $o2, @d[0 .. ($#d < 5 ? $#d : 5)]);
    my @left = grep { /staging|\.old-/ } map { s{.*/}{}r } glob("$w/.out.*");
    ok(!@left, "and leave no staging folder behind", @left);
    system("chmod -R u+w '$w' 2>/dev/null");
}

print "1..$n\n";
exit($fails ? 1 : 0);
