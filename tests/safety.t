#!/usr/bin/perl
# Symbolic links in a site: each case copies tests/sites/minimal into a
# temporary folder, makes the links there (so the test never depends on a
# checkout's symlink support) and builds. A link that leads out of the site
# (absolute, climbing above it with "..", or into a hidden file) is refused
# in every folder the build reads: content/, layouts/, assets/ (css, img,
# the spec, its icons and font) and a badge's `image`; the error names the
# field that names the file, or the link itself. A relative link that stays
# inside the site is followed. Nothing outside the site is ever published.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);
use File::Path qw(make_path);

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $bin = abs_path("$build/badgesite");
my $minimal = abs_path('tests/sites/minimal');
my $n = 0;
my $fails = 0;

sub ok {
    my ($c, $name, @diag) = @_;
    $n++;
    print(($c ? "ok" : "not ok") . " $n - $name\n");
    unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @diag }
    return $c;
}
sub put {
    my ($f, $text) = @_;
    (my $dir = $f) =~ s{/[^/]*$}{};
    make_path($dir);
    open(my $h, '>', $f) or die "$f: $!";
    print $h $text;
    close $h;
}
sub slurp { my ($f) = @_; open(my $h, '<:raw', $f) or return ''; local $/; my $d = <$h>; close $h; return $d }
sub link_to {
    my ($target, $link) = @_;
    (my $dir = $link) =~ s{/[^/]*$}{};
    make_path($dir);
    symlink($target, $link) or die "symlink $link: $!";
}

# A secret outside the site, and an SVG and a font outside it.
my $outside = tempdir(CLEANUP => 1);
put("$outside/secret.txt", "TOP-SECRET-42\n");
put("$outside/art.svg", qq{<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/><!-- TOP-SECRET-42 --></svg>\n});
put("$outside/layout.mustache", "TOP-SECRET-42 {{{content}}}\n");
make_path("$outside/section");
put("$outside/section/leak.md", qq{{\n  "title": "Leak"\n}\nTOP-SECRET-42\n});
my $font = (grep { -f } '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf')[0];

# Build a fresh copy of the minimal site after setup->($site); returns
# (exit code, output, output folder).
sub build_with {
    my ($setup, @args) = @_;
    my $tmp = tempdir(CLEANUP => 1);
    my $site = "$tmp/site";
    system('cp', '-r', $minimal, $site) == 0 or die "cp: $!";
    $setup->($site);
    my $out = "$tmp/out";
    my $cmd = join(' ', map { "'$_'" } $bin, 'build', $site, '-o', $out, '--quiet', @args);
    my $got = `$cmd 2>&1`;
    return ($? >> 8, $got, $out);
}
sub leaked {
    my ($out) = @_;
    return 0 unless -d $out;
    return `grep -rl TOP-SECRET-42 '$out' 2>/dev/null` ne '';
}
sub refused {
    my ($name, $setup, $where) = @_;
    my ($rc, $got, $out) = build_with($setup);
    ok($rc == 1 && index($got, $where) >= 0 && !leaked($out), $name,
       "exit $rc, expected 1; wanted: $where", $got);
}

refused('a badge file linked to a file outside the site',
    sub { link_to("$outside/secret.txt", "$_[0]/content/badges/evil.md") },
    "content/badges/evil.md: error: symbolic link leads outside the site (to '$outside/secret.txt')");
refused('a section folder linked outside the site',
    sub { link_to("$outside/section", "$_[0]/content/leak") },
    "content/leak: error: symbolic link leads outside the site");
refused('the badges folder linked outside the site',
    sub {
        system('mv', "$_[0]/content/badges", "$outside/badges-$$") == 0 or die;
        link_to("$outside/badges-$$", "$_[0]/content/badges");
    },
    "content/badges: error: symbolic link leads outside the site");
refused('a layout linked outside the site',
    sub { link_to("$outside/layout.mustache", "$_[0]/layouts/page.mustache") },
    "layouts/page.mustache: error: symbolic link leads outside the site");
refused('a layout climbing out with ..',
    sub { link_to("../../../../../../../../../../../../..$outside/layout.mustache", "$_[0]/layouts/page.mustache") },
    "layouts/page.mustache: error: symbolic link leads outside the site");
refused('an image asset linked outside the site',
    sub { link_to("$outside/secret.txt", "$_[0]/assets/img/notes.txt") },
    "assets/img/notes.txt: error: symbolic link leads outside the site");
refused('a stylesheet linked outside the site',
    sub { link_to("$outside/secret.txt", "$_[0]/assets/css/site.css") },
    "assets/css/site.css: error: symbolic link leads outside the site");
refused('the img folder linked outside the site',
    sub { link_to($outside, "$_[0]/assets/img") },
    "assets/img: error: symbolic link leads outside the site");
refused('a spec icon linked outside the site',
    sub { link_to("$outside/art.svg", "$_[0]/assets/icons/medal.svg") },
    "assets/visual-language.json:62:24: error: symbolic link 'assets/icons/medal.svg' leads outside the site");
refused('the spec linked outside the site',
    sub { link_to("$outside/secret.txt", "$_[0]/assets/visual-language.json") },
    "assets/visual-language.json: error: symbolic link leads outside the site");
refused('site.json linked outside the site',
    sub { unlink("$_[0]/site.json"); link_to("$outside/secret.txt", "$_[0]/site.json") },
    "site.json: error: symbolic link leads outside the site");
refused("a badge's image linked outside the site",
    sub {
        link_to("$outside/art.svg", "$_[0]/assets/img/art.svg");
        my $f = "$_[0]/content/badges/meetup.md";
        my $t = slurp($f);
        $t =~ s/\{\n/{\n  "image": "assets\/img\/art.svg",\n/ or die;
        put($f, $t);
    },
    "content/badges/meetup.md:2:12: error: symbolic link 'assets/img/art.svg' leads outside the site");
refused('a link into a hidden file of the site',
    sub {
        put("$_[0]/.env", "TOP-SECRET-42\n");
        link_to('../../.env', "$_[0]/assets/img/env.txt");
    },
    "assets/img/env.txt: error: symbolic link leads outside the site (to '../../.env')");
refused('a link that leads back up without end',
    sub { link_to('.', "$_[0]/assets/img/loop") },
    "assets/img/loop/loop/loop/loop/loop/loop/loop/loop/loop: error: folders nested more than 8 deep");
SKIP: {
    unless ($font) { ok(1, '# SKIP no DejaVu font to link to'); last SKIP }
    refused('the spec font linked outside the site',
        sub {
            my $spec = slurp('assets/visual-language.json');
            $spec =~ s/\{\n/{\n  "font": "assets\/fonts\/f.ttf",\n/ or die;
            put("$_[0]/assets/visual-language.json", $spec);
            link_to($font, "$_[0]/assets/fonts/f.ttf");
        },
        "assets/visual-language.json:2:11: error: symbolic link 'assets/fonts/f.ttf' leads outside the site");
}

# Links that stay inside the site are followed.
{
    my ($rc, $got, $out) = build_with(sub {
        my $s = $_[0];
        put("$s/assets/img/logo.svg", qq{<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><circle cx="5" cy="5" r="4"/></svg>\n});
        link_to('logo.svg', "$s/assets/img/alias.svg");
        link_to('../img', "$s/assets/css/pictures");
        make_path("$s/layouts");
        link_to('../assets/img/logo.svg', "$s/layouts/ignored.txt");
    });
    ok($rc == 0, 'links inside the site build', $got);
    my $alias = slurp("$out/assets/img/alias.svg");
    ok(index($alias, '<circle') >= 0 && index($alias, 'onload') < 0,
       'an in-site link is published as its target, cleaned', $alias);
    ok(-f "$out/assets/css/pictures/logo.svg", 'an in-site folder link is followed');
}

print "1..$n\n";
exit($fails ? 1 : 0);
