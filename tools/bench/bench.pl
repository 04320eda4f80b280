#!/usr/bin/perl
# make bench: builds synthetic framework sites with badgesite and the same
# Markdown pages with Hugo, on tmpfs, and prints one table. Results are
# figures for people, never assertions: nothing here fails on a number.
#
#   perl tools/bench/bench.pl [BADGESITE] [--quick]
use strict;
use warnings;
use File::Path qw(make_path remove_tree);
use Cwd qw(abs_path);

my $bin = abs_path($ARGV[0] || 'build/badgesite');
my $quick = grep { $_ eq '--quick' } @ARGV;
my $shm = -d '/dev/shm' ? '/dev/shm' : '/tmp';
my $root = "$shm/badgesite-bench-$$";
my $hugo = `command -v hugo 2>/dev/null`;
chomp $hugo;
my $repo = abs_path('.');
END { remove_tree($root) if $root && -d $root }

# about 1.5 KB of criteria: headings, lists, emphasis, a link, a table
sub body {
    my ($i) = @_;
    my $p = "Participants in session $i work through a short case and "
          . "discuss it with peers. The facilitator checks that each "
          . "person *takes part*, asks questions and **shares one idea** "
          . "from their own work.\n\n";
    return "## What you do\n\n$p"
         . "- attend the whole session ($i)\n- contribute to the discussion\n"
         . "- post a short reflection in the forum\n\n"
         . "## How it is checked\n\n$p$p"
         . "| step | who | when |\n|---|---|---|\n| attendance | facilitator | during |\n"
         . "| reflection | peer | after |\n\n"
         . "See the [framework](/framework/) for how this badge fits.\n";
}

sub spew { my ($f, $d) = @_; open(my $h, '>', $f) or die "$f: $!"; print $h $d; close $h }

sub gen_site {
    my ($dir, $pages, $badges) = @_;
    make_path("$dir/content/badges", "$dir/content/glossary");
    system("cp '$repo/site.json' '$dir/' && cp '$repo/content/framework.json' '$dir/content/' && cp '$repo/content/glossary/'*.md '$dir/content/glossary/'") == 0 or die;
    for my $i (1 .. $pages) {
        my $sec = "s" . ($i % 20);
        make_path("$dir/content/$sec");
        spew("$dir/content/$sec/p$i.md", "{\n  \"title\": \"Page $i\",\n  \"description\": \"Synthetic page $i.\"\n}\n" . body($i));
    }
    my @cls = qw(event membership community);
    for my $i (1 .. $badges) {
        my $c = $cls[$i % 3];
        spew("$dir/content/badges/b$i.md", "{\n  \"name\": \"Badge $i\",\n  \"class\": \"$c\",\n"
            . "  \"description\": \"Took part in activity $i.\",\n  \"hours\": " . (1 + $i % 40) . ",\n"
            . "  \"award_mode\": \"automatic\",\n  \"category\": \"Area " . ($i % 7) . "\",\n"
            . "  \"programme\": \"Programme " . ($i % 9) . "\",\n  \"tags\": [\"synthetic\", \"t$i\"]\n}\n" . body($i));
    }
}

sub gen_hugo {
    my ($dir, $pages) = @_;
    make_path("$dir/layouts/_default", "$dir/content");
    spew("$dir/config.toml", "baseURL = 'https://bench.example/'\ntitle = 'bench'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n");
    spew("$dir/layouts/_default/baseof.html", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n");
    spew("$dir/layouts/_default/single.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n");
    spew("$dir/layouts/_default/list.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ end }}\n");
    for my $i (1 .. $pages) {
        my $sec = "s" . ($i % 20);
        make_path("$dir/content/$sec");
        spew("$dir/content/$sec/p$i.md", "---\ntitle: \"Page $i\"\ndescription: \"Synthetic page $i.\"\n---\n" . body($i));
    }
}

# wall seconds and peak RSS (KB) of a command
sub measure {
    my ($cmd) = @_;
    my $out = `/usr/bin/time -f '%e %M' sh -c '$cmd >/dev/null 2>&1' 2>&1`;
    my ($wall, $rss) = (split ' ', (split /\n/, $out)[-1]);
    return ($wall, $rss);
}

my @rows;
sub row { push @rows, sprintf("%-34s %9s %12s %10s %12s", @_) }
row("case", "wall s", "per item", "peak MB", "Hugo/ours");

for my $pages ($quick ? (1000) : (1000, 10000)) {
    my $s = "$root/pages-$pages";
    gen_site($s, $pages, 0);
    measure("'$bin' build '$s' -o '$s/out' --quiet --base-url http://bench.example/");   # warm the page cache of the OS
    my ($w, $r) = measure("'$bin' build '$s' -o '$s/out' --quiet --base-url http://bench.example/");
    my $ratio = "n/a";
    my ($hw, $hr);
    if ($hugo) {
        my $h = "$root/hugo-$pages";
        gen_hugo($h, $pages);
        measure("'$hugo' --quiet --source '$h' --destination '$h/public'");
        ($hw, $hr) = measure("rm -rf '$h/public' && '$hugo' --quiet --source '$h' --destination '$h/public'");
        $ratio = $w > 0 ? sprintf("%.1fx", $hw / $w) : "n/a";
    }
    row("badgesite, $pages pages", $w, sprintf("%.0f us/page", 1e6 * $w / $pages), sprintf("%.0f", $r / 1024), $ratio);
    row("hugo, $pages pages", $hw, sprintf("%.0f us/page", 1e6 * $hw / $pages), sprintf("%.0f", $hr / 1024), "") if $hugo;
    remove_tree($s);
}

for my $badges ($quick ? (200) : (200, 2000)) {
    my $s = "$root/badges-$badges";
    gen_site($s, 0, $badges);
    my ($w, $r) = measure("'$bin' build '$s' -o '$s/out' --quiet --no-cache --base-url http://bench.example/");
    row("badgesite, $badges badges, no cache", $w, sprintf("%.2f ms/badge", 1e3 * $w / $badges), sprintf("%.0f", $r / 1024),
        sprintf("%.0f img/s", $badges / ($w || 1)));
    measure("'$bin' build '$s' -o '$s/out' --quiet --base-url http://bench.example/");
    my $f = "$s/content/badges/b1.md";
    open(my $h, '<', $f) or die; local $/; my $d = <$h>; close $h;
    $d =~ s/"hours": \d+/"hours": 39/;
    spew($f, $d);
    my ($rw, $rr) = measure("'$bin' build '$s' -o '$s/out' --quiet --base-url http://bench.example/");
    row("  rebuild after editing one badge", $rw, "", sprintf("%.0f", $rr / 1024), "");
    remove_tree($s);
}

print "badgesite bench on $shm, default -j (", `nproc` =~ s/\s+//r, " cores)", ($hugo ? ", $hugo" : ", hugo not installed"), "\n";
print "$_\n" for @rows;
