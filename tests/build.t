#!/usr/bin/perl
# Whole builds of the example site: same bytes on a rebuild, across -j
# values, working directories and locales; a failed build leaves the
# previous output untouched; `new site` builds outside the repository from
# the defaults built into the program; `check` writes nothing.
use strict;
use warnings;
use Cwd qw(abs_path getcwd);
use File::Temp qw(tempdir);

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $bin = abs_path("$build/badgesite");
my $repo = getcwd();
my $tmp = tempdir(CLEANUP => 1);
my $n = 0;
my $fails = 0;
sub ok { my ($c, $name, @diag) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for @diag } return $c }
sub run { my $cmd = shift; my $out = `$cmd 2>&1`; return ($? >> 8, $out) }
sub tree {
    my ($dir) = @_;
    my %h;
    for my $f (split /\n/, `cd '$dir' && find . -type f | LC_ALL=C sort`) {
        open(my $fh, '<:raw', "$dir/$f") or die; local $/; $h{$f} = <$fh>; close $fh;
    }
    return \%h;
}
sub same {
    my ($a, $b) = @_;
    my @diff = grep { !defined $b->{$_} || $a->{$_} ne $b->{$_} } keys %$a;
    push @diff, grep { !defined $a->{$_} } keys %$b;
    return @diff;
}

my ($rc, $out) = run("'$bin' build . -o '$tmp/a' -j 1 --no-cache --quiet");
ok($rc == 0, "example site builds with -j 1", $out);
($rc, $out) = run("'$bin' build . -o '$tmp/b' -j 2 --no-cache --quiet");
ok($rc == 0, "example site builds with -j 2", $out);
my @d = same(tree("$tmp/a"), tree("$tmp/b"));
ok(!@d, "-j 1 and -j 2 give the same bytes", @d[0 .. ($#d < 5 ? $#d : 5)]);
($rc, $out) = run("cd '$tmp' && LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 '$bin' build '$repo' -o '$tmp/c' --quiet");
ok($rc == 0, "builds from another working directory and locale", $out);
@d = same(tree("$tmp/a"), tree("$tmp/c"));
ok(!@d, "same bytes from another working directory and locale", @d[0 .. ($#d < 5 ? $#d : 5)]);
($rc, $out) = run("'$bin' build . -o '$tmp/a' --quiet");
@d = same(tree("$tmp/b"), tree("$tmp/a"));
ok($rc == 0 && !@d, "rebuilding over a previous build gives the same bytes", $out, @d[0 .. ($#d < 5 ? $#d : 5)]);

# a site large enough for loading, views and the lint to run on threads:
# the same bytes and the same reports at any -j
my $big = "$tmp/big";
system("perl tools/bench/gensite.pl '$big' --badges 120 --pages 40") == 0 or die "gensite failed";
my $url = '--base-url http://localhost:8000/ --no-cache --quiet';
($rc, $out) = run("'$bin' build '$big' -o '$tmp/big1' -j 1 $url");
ok($rc == 0, "a site of 120 badges builds with -j 1", $out);
($rc, $out) = run("'$bin' build '$big' -o '$tmp/big3' -j 3 $url");
@d = same(tree("$tmp/big1"), tree("$tmp/big3"));
ok($rc == 0 && !@d, "and with -j 3, to the same bytes", $out, @d[0 .. ($#d < 5 ? $#d : 5)]);
for my $i (7, 50, 93) {
    my $f = "$big/content/badges/b$i.md";
    open(my $h, '<', $f) or die; local $/; my $t = <$h>; close $h;
    $t =~ s/"class": "[a-z]+"/"class": "no-such-class"/ or die;
    $t =~ s/\{/{\n  "colour": "teal",/ if $i == 50;
    open($h, '>', $f) or die; print $h $t; close $h;
}
my ($rc1, $out1) = run("'$bin' check '$big' -j 1");
my ($rc3, $out3) = run("'$bin' check '$big' -j 3");
my @errs = $out1 =~ /error:/g;
ok($rc1 == 1 && @errs == 4 && $out1 =~ /b50\.md:2:\d+: error: unknown key 'colour'/, "broken badges are all reported", $out1);
ok($rc3 == 1 && $out1 eq $out3, "in the same order at any -j", $out1, $out3);

# a failing build leaves the last good site as it was
system("cp -r . '$tmp/broken-site' 2>/dev/null; rm -rf '$tmp/broken-site/public' '$tmp/broken-site/node_modules' '$tmp/broken-site/build' '$tmp/broken-site/build-asan'");
open(my $fh, '>', "$tmp/broken-site/content/badges/zz-broken.md") or die;
print $fh "{\n  \"name\": \"Broken\",\n  \"class\": \"no-such-class\"\n}\nBody\n";
close $fh;
my $before = tree("$tmp/a");
($rc, $out) = run("'$bin' build '$tmp/broken-site' -o '$tmp/a' --quiet");
ok($rc == 1, "a build with an error exits 1", $out);
@d = same($before, tree("$tmp/a"));
ok(!@d, "and leaves the previous output untouched", @d[0 .. ($#d < 5 ? $#d : 5)]);
opendir(my $dh, $tmp); my @left = grep { /staging|\.old-/ } readdir($dh); closedir $dh;
ok(!@left, "and leaves no staging folder behind", @left);

# check writes nothing
($rc, $out) = run("'$bin' check '$tmp/broken-site'");
ok($rc == 1 && $out =~ /zz-broken\.md:3:\d+: error: unknown class 'no-such-class'/, "check reports the error with file, line and column", $out);
ok(!-e "$tmp/broken-site/public", "check writes nothing");

# check follows the links build follows, with the same report
system("cp -r tests/sites/minimal '$tmp/linked'") == 0 or die;
open($fh, '>>', "$tmp/linked/content/badges/meetup.md") or die;
print $fh "\nSee the [framework](/framwork/).\n";
close $fh;
my ($rcc, $outc) = run("'$bin' check '$tmp/linked'");
($rc, $out) = run("'$bin' build '$tmp/linked' -o '$tmp/linked-out' --quiet");
ok($rcc == 1 && $outc =~ m{meetup\.md:\d+:9: error: link to '/framwork/' leads to no page} && $outc =~ m{did you mean '/framework/'},
   "check reports a broken link at its line and column, with the page meant", $outc);
ok($rc == 1 && $out eq $outc, "and build reports it the same way", $out);

# a new site outside the repository builds from the built-in defaults
($rc, $out) = run("cd '$tmp' && '$bin' new site fresh");
ok($rc == 0 && -f "$tmp/fresh/site.json", "new site makes a site", $out);
($rc, $out) = run("cd '$tmp/fresh' && '$bin' new badge speaker --class event && '$bin' new term open-badge && '$bin' new page about/contact");
ok($rc == 0 && -f "$tmp/fresh/content/badges/speaker.md", "new badge, term and page", $out);
ok($out =~ m{created \./content/glossary/open-badge\.md \(fill in the TODOs}, "new term says what is left to do", $out);
($rc, $out) = run("cd '$tmp/fresh' && '$bin' new badge speaker --class event");
ok($rc == 2 && $out =~ /already exists/, "new never overwrites", $out);
($rc, $out) = run("cd '$tmp/fresh' && '$bin' new badge passed --class achievement && '$bin' build --drafts --quiet");
ok($rc == 0, "the new site builds, drafts included", $out);
ok(-f "$tmp/fresh/public/badges/passed/badge.png" && -f "$tmp/fresh/public/assets/css/site.css" && -f "$tmp/fresh/public/index.html",
   "with pages, images and the default stylesheet");
($rc, $out) = run("cd '$tmp/fresh' && '$bin' build --quiet");
ok($rc == 0 && !-e "$tmp/fresh/public/badges/passed/", "drafts stay out of a normal build", $out);
($rc, $out) = run("cd '$tmp/fresh' && '$bin' publish");
ok($rc == 1 && $out =~ m{site\.json:\d+:\d+: error: base_url https://badges\.example\.org/ is a placeholder}
   && !-e "$tmp/fresh/content/published.txt", "publish refuses the placeholder address new site wrote", $out);

# the command line
($rc, $out) = run("'$bin' --help");
ok($rc == 0 && $out =~ /badgesite build/ && $out =~ /Exit status/, "--help teaches");
($rc, $out) = run("'$bin' --version");
ok($rc == 0 && $out =~ /^badgesite \d+\.\d+\.\d+$/m, "--version");
($rc, $out) = run("'$bin' frobnicate");
ok($rc == 2 && $out =~ /unknown command 'frobnicate'/, "unknown command: exit 2", $out);
($rc, $out) = run("'$bin' build --bogus");
ok($rc == 2 && $out =~ /unknown option '--bogus'/, "unknown option: exit 2", $out);
($rc, $out) = run("'$bin' build '$tmp/nowhere'");
ok($rc == 3, "missing site folder: exit 3", $out);

# progress: a quick build on a terminal prints only its summary; a pipe
# never gets the progress line's control codes
system("cp -r tests/sites/minimal '$tmp/small'") == 0 or die;
($rc, $out) = run("script -qec \"'$bin' build '$tmp/small' -o '$tmp/tty'\" /dev/null");
ok($rc == 0 && $out =~ /built \d+ pages/ && $out !~ /\e\[K/, "a quick build on a terminal shows no progress line", $out);
($rc, $out) = run("'$bin' build '$tmp/small' -o '$tmp/pipe'");
ok($rc == 0 && $out !~ /[\r\e]/, "a build into a pipe writes no control codes", $out);

# a preview built over the published site says so: deploying it would
# publish the preview
system("cp -r tests/sites/minimal '$tmp/pubprev'") == 0 or die;
($rc, $out) = run("'$bin' publish '$tmp/pubprev' -o '$tmp/pubprev-out' --quiet");
ok($rc == 0, "the minimal site publishes", $out);
($rc, $out) = run("'$bin' build '$tmp/pubprev' -o '$tmp/pubprev-out' --drafts");
ok($rc == 0 && $out =~ /pubprev-out: warning: this folder held the published site; it now holds a preview, drafts included/
   && $out =~ /run `badgesite publish` again before deploying/, "a build over the published site warns that it is now a preview", $out);
($rc, $out) = run("'$bin' build '$tmp/pubprev' -o '$tmp/pubprev-out'");
ok($rc == 0 && $out !~ /warning/, "a build over a preview does not", $out);
print "1..$n\n";
exit($fails ? 1 : 0);
