#!/usr/bin/perl
# badgesite serve on a copy of tests/sites/minimal, over HTTP on a free
# port: the site under its base_url's path with each file's content type,
# the reload script in served pages and never in a build's, a saved edit
# served after the rebuild with a reload event on the stream, a broken
# badge shown as a page of errors (file:line:col, escaped) and on the
# terminal, the site again once fixed; nothing written in the site but
# its cache; SIGINT stops it at once with status 0. On a published site
# it checks against the ledger as build does, and records nothing. Every
# wait polls with a deadline. Under BADGESITE_VALGRIND (make leakcheck)
# serve runs under valgrind, which fails the exit status on a leak or a
# memory error.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);
use HTTP::Tiny;
use IO::Select;
use IO::Socket::INET;
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok($$@) { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub is_status { my ($got, $want, $name) = @_; ok($got eq $want, $name, "got $got, not $want") }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }
sub edit { my ($f, $from, $to) = @_; my $d = slurp($f); $d =~ s/\Q$from\E/$to/ or die "no '$from' in $f"; spew($f, $d) }
my $slow = $ENV{BADGESITE_VALGRIND} ? 10 : 1;
# poll until f returns true, for at most s seconds
sub until_true { my ($s, $f) = @_; my $end = time + $s * $slow; while (time < $end) { my $r = $f->(); return $r if $r; sleep 0.05 } return $f->() }
# every file of a tree with its bytes, but the cache
sub files {
    my ($dir) = @_;
    my %h;
    for (split /\n/, `cd '$dir' && find . -path ./.badgesite-cache -prune -o -print | LC_ALL=C sort`) {
        $h{$_} = -f "$dir/$_" ? slurp("$dir/$_") : 'dir';
    }
    return \%h;
}

my $site = "$tmp/site";
system("cp -r tests/sites/minimal '$site' && mkdir '$site/public' && echo keep > '$site/public/mine.txt'") == 0 or die;
my $before = files($site);

# usage errors come before anything is served
my $out = `'$bin' serve '$site' --port eighty 2>&1`;
ok($? >> 8 == 2 && $out =~ /--port wants a number/, 'serve --port wants a number (exit 2)', $out);

my @valgrind = $ENV{BADGESITE_VALGRIND}
    ? (qw(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite), '--suppressions=' . abs_path('tests/valgrind.supp')) : ();
my $log = "$tmp/serve.log";
my $pid = fork // die "fork: $!";
if (!$pid) {
    open(STDOUT, '>', $log) or die;
    open(STDERR, '>&', \*STDOUT) or die;
    exec(@valgrind, $bin, 'serve', $site, '--port', '0', '-j', '2') or exit 127;
}
my $exited;
my ($pid2, $exit2);
END { kill('KILL', $pid) if $pid && !defined $exited; kill('KILL', $pid2) if $pid2 && !defined $exit2 }
my ($port, $base) = @{ until_true(30, sub { my $l = slurp($log) // ''; $l =~ m{serving \S+ at http://127\.0\.0\.1:(\d+)(/\S*)} ? [$1, $2] : undef }) || [] };
ok($port && $base eq '/fw/', "it serves at 127.0.0.1 on a free port, under base_url's path", slurp($log) // '');
$port or do { print "1..$n\n"; exit 1 };
my $root = "http://127.0.0.1:$port";
my $http = HTTP::Tiny->new(max_redirect => 0, timeout => 10 * $slow);
sub get { $http->get("$root$_[0]") }

my $r = get('/');
ok($r->{status} == 302 && $r->{headers}{location} eq '/fw/', '/ leads to the base path', "$r->{status} " . ($r->{headers}{location} // ''));
$r = get('/fw/');
ok($r->{status} == 200 && $r->{headers}{'content-type'} eq 'text/html; charset=utf-8' && $r->{content} =~ /Minimal Test Framework/,
   'the home page at the base path', "$r->{status} $r->{headers}{'content-type'}");
ok($r->{content} =~ m{<script>[^<]*new EventSource\("/__badgesite/events\?since=\d+"\)[^<]*</script>\s*</body>}, 'with the reload script before </body>');
my %types = (
    'badges/meetup/badge.json' => 'application/json; charset=utf-8',
    'badges/meetup/badge.png' => 'image/png',
    'badges/meetup/badge.svg' => 'image/svg+xml',
    'contexts/framework-v1.jsonld' => 'application/ld+json',
    'sitemap.xml' => 'application/xml; charset=utf-8',
    'robots.txt' => 'text/plain; charset=utf-8',
    'assets/css/site.css' => 'text/css; charset=utf-8',
    'badges/meetup/' => 'text/html; charset=utf-8',
);
for my $p (sort keys %types) {
    $r = get("/fw/$p");
    ok($r->{status} == 200 && $r->{headers}{'content-type'} eq $types{$p} && ($r->{headers}{'access-control-allow-origin'} // '') eq '*',
       "/fw/$p is $types{$p}, with the hosts' headers", "$r->{status} " . ($r->{headers}{'content-type'} // ''));
}
$r = get('/fw/badges/meetup/badge.png');
ok(substr($r->{content}, 0, 8) eq "\x89PNG\r\n\x1a\n", 'an image is served whole, as bytes');
$r = get('/fw/badges/meetup');
ok($r->{status} == 301 && $r->{headers}{location} eq '/fw/badges/meetup/', 'a folder without its slash is redirected to it', $r->{status});
$r = get('/fw/no/such/page/');
ok($r->{status} == 404 && $r->{content} =~ /EventSource/ && $r->{content} eq get('/fw/404.html')->{content},
   "an unknown path answers 404 with the site's 404 page", $r->{status});
ok($r->{content} =~ m{<link rel="stylesheet" href="\Q$root\E/fw/} && $r->{content} !~ m{https?://(?!127\.0\.0\.1:$port/)[^"]*/fw/},
   "the 404 page's absolute links lead back to this server", $r->{content});
ok(get('/badges/meetup/')->{status} == 404, 'nothing is served outside the base path');
ok(get($_)->{status} == 404, "$_ is not served") for '/fw/_headers', '/fw/.badgesite-output', '/fw/../site.json', '/fw/%2e%2e/site.json';

# the served bytes are a build's at the served address (--drafts aside)
# plus the script, which no build writes
my $built = "$tmp/built";
$out = `'$bin' build '$site' -o '$built' --base-url '$root/fw/' --quiet 2>&1`;
ok($? == 0, 'the site builds', $out);
my @scripted = grep { (slurp($_) // '') =~ /EventSource|__badgesite/ } split /\n/, `find '$built' -type f`;
ok(!@scripted, 'a build writes no reload script', @scripted);
(my $page = get('/fw/badges/meetup/')->{content}) =~ s{<script>/\* badgesite serve.*?</script>\n}{}s;
ok($page eq slurp("$built/badges/meetup/index.html"), 'a served page is the built page with the script');

# the event stream: opened, then a reload after the next build
my $since = get('/fw/')->{content} =~ /since=(\d+)/ ? $1 : 0;
my $sse = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Timeout => 5) or die "connect: $!";
print $sse "GET /__badgesite/events?since=$since HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
my $stream = '';
sub stream_has {
    my ($re, $s) = @_;
    my $sel = IO::Select->new($sse);
    my $end = time + $s * $slow;
    while ($stream !~ $re && time < $end) {
        last unless $sel->can_read($end - time);
        sysread($sse, my $chunk, 4096) or last;
        $stream .= $chunk;
    }
    return $stream =~ $re;
}
ok(stream_has(qr{text/event-stream.*\r\n\r\n.*retry: \d+}s, 10), 'the event stream opens at once', $stream);

# an edit: the rebuilt page is served, and open pages are told to reload
my $t0 = time;
edit("$site/content/badges/meetup.md", '"name": "Meetup Participant"', '"name": "Meetup Regular"');
ok(until_true(20, sub { get('/fw/badges/meetup/')->{content} =~ /Meetup Regular/ }), 'a saved badge is served rebuilt');
ok(stream_has(qr/event: reload\ndata: \d+\n\n/, 10), 'and the stream says reload', $stream);
ok(get('/fw/badges/')->{content} =~ /Meetup Regular/, 'the pages that list it too');
printf "# from the save to the rebuilt page: %.0f ms\n", 1000 * (time - $t0);

# a broken badge: every page is the list of errors, until it is fixed
edit("$site/content/badges/meetup.md", '"class": "event"', '"clas": "event"');
$r = until_true(20, sub { my $r = get('/fw/badges/meetup/'); $r->{status} == 500 ? $r : undef });
ok($r && $r->{headers}{'content-type'} eq 'text/html; charset=utf-8', 'a broken build answers pages with 500');
my $c = $r ? $r->{content} : '';
ok($c =~ m{<pre class="error">content/badges/meetup\.md:4:3: error: unknown key &#39;clas&#39; in a badge\n\s+4 \|\s+&quot;clas&quot;: &quot;event&quot;,\n\s+\|\s+\^\n\s+= hint: did you mean &#39;class&#39;\?\n</pre>},
   'the error page lists file:line:col, message, source line, caret and hint, escaped', $c);
ok($c =~ /EventSource/, 'with the reload script, so it goes once fixed');
ok(get('/fw/')->{status} == 500 && get('/fw/glossary/')->{status} == 500, 'in place of every page');
ok(get('/fw/badges/meetup/badge.png')->{status} == 200, 'while files that are not pages stay served');
ok(until_true(5, sub { (slurp($log) // '') =~ m{content/badges/meetup\.md:4:3: error: unknown key 'clas' in a badge\n\s+4 \|   "clas": "event",\n\s+\|   \^\n\s+= hint: did you mean 'class'\?} }),
   'the terminal shows the same diagnostics as build', slurp($log) // '');
edit("$site/content/badges/meetup.md", '"clas": "event"', '"class": "event"');
$r = until_true(20, sub { my $r = get('/fw/badges/meetup/'); $r->{status} == 200 ? $r : undef });
ok($r && $r->{content} =~ /Meetup Regular/, 'fixed, the site is served again');

# a burst of saves (an editor writing in steps, a checkout) is built
# once or twice, not once a save
my $builds = () = (slurp($log) // '') =~ /^built /mg;
for my $k (1 .. 10) { edit("$site/content/badges/meetup.md", '"name": "Meetup Regular', "\"name\": \"Meetup Regular $k") }
ok(until_true(20, sub { get('/fw/badges/meetup/')->{content} =~ /Meetup Regular 10 9 8 7 6 5 4 3 2 1/ }), 'ten quick saves are all served');
my $after_burst = () = (slurp($log) // '') =~ /^built /mg;
ok($after_burst - $builds <= 2, 'by one or two builds', $after_burst - $builds);

# only this machine's names: not a page elsewhere through DNS rebinding
ok(HTTP::Tiny->new->get("http://localhost:$port/fw/")->{status} == 200, 'localhost is served too');
sub as_host {
    my $raw = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Timeout => 5) or die "connect: $!";
    print $raw "GET /fw/ HTTP/1.1\r\nHost: $_[0]\r\nConnection: close\r\n\r\n";
    my $answer = do { local $/; <$raw> } // '';
    return $answer =~ m{^HTTP/1\.1 (\d+) } ? $1 : $answer;
}
is_status(as_host("[::1]:$port"), 200, 'Host [::1] is served');
is_status(as_host("rebound.test.example:$port"), 403, 'another Host is refused');
is_status(as_host("127.0.0.1.rebound.test.example"), 403, 'even one that starts like the address');
is_status(as_host("[::1"), 403, 'and a broken one');

# only GET and HEAD
$r = $http->request('HEAD', "$root/fw/badges/meetup/badge.png");
ok($r->{status} == 200 && ($r->{headers}{'content-type'} // '') eq 'image/png' && ($r->{content} // '') eq '', 'HEAD answers the headers alone');
$r = $http->request('POST', "$root/fw/", { content => 'x' });
ok($r->{status} == 405, 'POST is refused', $r->{status});

# a new folder is watched too
mkdir("$site/content/notes") or die;
spew("$site/content/notes/first.md", "{\n  \"title\": \"First Note\"\n}\nA page in a new section.\n");
ok(until_true(20, sub { get('/fw/notes/first/')->{status} == 200 }), 'a page in a folder made while serving is built');

# after all these edits, what is served is what a build from scratch
# writes, file for file
$out = `'$bin' build '$site' -o '$tmp/fresh' --base-url '$root/fw/' --no-cache --quiet 2>&1`;
ok($? == 0, 'the edited site builds from scratch', $out);
my ($fresh, $served) = (files("$tmp/fresh"), files("$site/.badgesite-cache/serve"));
my @differ = grep { ($fresh->{$_} // "\0a") ne ($served->{$_} // "\0b") } keys %$fresh, keys %$served;
ok(!@differ, 'the served folder equals a fresh build', sort @differ);

# SIGINT: a prompt, clean exit; nothing in the site but the cache changed
close $sse;
$t0 = time;
kill('INT', $pid);
until_true(10, sub { waitpid($pid, WNOHANG) == $pid and $exited = $?; defined $exited });
ok(defined $exited && $exited == 0, sprintf('SIGINT stops it with status 0 (in %.2f s)', time - $t0), slurp($log) // '');
ok((slurp($log) // '') =~ /stopped serving/, 'and it says so');
my $after = files($site);
delete $after->{'./content/notes'};
delete $after->{'./content/notes/first.md'};
my @changed = grep { ($before->{$_} // "\0") ne ($after->{$_} // "\0") } keys %$before, keys %$after;
@changed = grep { $_ ne './content/badges/meetup.md' } @changed;
ok(!@changed, 'it wrote nothing in the site but its cache (public/ and the ledger untouched)', @changed);
my @left = sort grep { !/^\.(index|pruned)$/ && !/^[0-9a-f]{32}-[0-9a-f]{16}\.\w+$/ } map { s{.*/}{}r } glob("$site/.badgesite-cache/{*,.*}");
# its build, the build before it (kept for the next to start from) and
# their records
ok("@left" eq '. .. .serve.prev lock serve trees', 'and in the cache only its build, no staging folder', "@left");

# a published site: serve checks against the ledger and records nothing
my $pub = "$tmp/published";
system("cp -r tests/sites/minimal '$pub'") == 0 or die;
$out = `'$bin' publish '$pub' -o '$tmp/pub-out' --quiet 2>&1`;
ok($? == 0, 'a copy of the site is published', $out);
my $ledger = slurp("$pub/content/published.txt");
my $log2 = "$tmp/serve2.log";
$pid2 = fork // die "fork: $!";
if (!$pid2) {
    open(STDOUT, '>', $log2) or die;
    open(STDERR, '>&', \*STDOUT) or die;
    chdir($pub) or die;
    exec(@valgrind, $bin, 'serve', '.', '--port', '0', '--quiet') or exit 127;
}
my ($port2) = @{ until_true(30, sub { my $l = slurp($log2) // ''; $l =~ m{serving \S+ at http://127\.0\.0\.1:(\d+)/} ? [$1] : undef }) || [] };
my $where = Cwd::abs_path($pub);
ok((slurp($log2) // '') =~ m{^serving \Q$where\E at }m, "serve . names the folder it serves", slurp($log2) // '');
ok($port2 && $http->get("http://127.0.0.1:$port2/fw/badges/meetup/")->{status} == 200, 'it is served', slurp($log2) // '');
edit("$pub/content/badges/meetup.md", '"name": "Meetup Participant"', '"name": "Meetup Regular"');
$r = until_true(20, sub { my $r = $http->get("http://127.0.0.1:$port2/fw/badges/meetup/"); $r->{status} == 500 ? $r : undef });
ok($r && $r->{content} =~ /content\/badges\/meetup\.md:1:1: error: version 1 of &#39;meetup&#39; is already published, and its name changed/,
   'renaming a published badge without a new version is an error, as in build', $r ? $r->{content} : '');
kill('INT', $pid2);
until_true(10, sub { waitpid($pid2, WNOHANG) == $pid2 and $exit2 = $?; defined $exit2 });
ok(defined $exit2 && $exit2 == 0, 'it stops on SIGINT', slurp($log2) // '');
ok(slurp("$pub/content/published.txt") eq $ledger && !-e "$pub/public", 'the ledger is as published, and no public/ was made');
print "1..$n\n";
exit($fails ? 1 : 0);
