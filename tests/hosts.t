#!/usr/bin/perl
# Hosts that serve it right (issue 11, item 5): the site deployed under a
# sub-path and served by a real nginx on loopback, configured by nothing
# but the emitted _nginx.conf; _headers read by a parser of its own (there
# is no offline Netlify or Cloudflare validator) and .htaccess checked for
# what can be checked without Apache; the three agree on every file.
# Then a real Apache (mod_mime, mod_headers, mod_alias, mod_dir) with
# nothing but the emitted .htaccess must answer every request as nginx did.
# nginx and Apache run unprivileged with their own prefixes in a temporary
# folder and are stopped at the end. `make check` installs both: without
# them this fails.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Find;
use File::Temp qw(tempdir);
use IO::Socket::INET;
use POSIX qw(setgid setuid);

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok($$;@) { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }
my ($nginx_pid, $apache_pid);
sub stop_servers { for ($nginx_pid, $apache_pid) { kill('TERM', $_), waitpid($_, 0) if $_; $_ = undef } }
END { stop_servers() }
sub done { stop_servers(); print "1..$n\n"; exit($fails ? 1 : 0) }

my ($nginx) = grep { -x } map { "$_/nginx" } split(/:/, $ENV{PATH} // ''), '/usr/sbin', '/usr/local/sbin';
ok($nginx, "nginx is installed (make check installs the Debian package)") or done();

# a published site with a renamed badge (as in tests/permanence.t)
my $site = "$tmp/site";
system("cp -r tests/sites/minimal '$site'") == 0 or die;
my ($rc, $o) = run("'$bin' publish '$site' -o '$tmp/pub' --quiet");
ok($rc == 0, "the test site publishes", $o);
my $b = "$site/content/badges";
(my $md = slurp("$b/meetup.md")) =~ s/"class": "event",/"class": "event",\n  "previous_ids": ["meetup"],/ or die;
unlink("$b/meetup.md");
spew("$b/meetup-participant.md", $md);
($rc, $o) = run("'$bin' publish '$site' -o '$tmp/pub' --quiet");
ok($rc == 0 && (slurp("$tmp/pub/_redirects") // '') =~ m{^/fw/badges/meetup/ /fw/badges/meetup-participant/ 301$}m,
   "renaming meetup publishes, with its _redirects line", $o);
ok(-f "$tmp/pub/_headers" && -f "$tmp/pub/_nginx.conf" && -f "$tmp/pub/.htaccess", "publish writes _headers, _nginx.conf and .htaccess");
ok((slurp("$site/content/published.txt") // '') !~ m{_headers|_nginx|htaccess}, "none of them is a published URL in the ledger");

# a free port on loopback, then the site built for it under /fw/
my $port = do { my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Listen => 1) or die $!; $s->sockport };
my $base = "http://127.0.0.1:$port/fw/";
my $ngx = "$tmp/nginx";
mkdir($_) or die for $ngx, "$ngx/root", "$ngx/tmp";
my $out = "$ngx/root/fw";
($rc, $o) = run("'$bin' build '$site' -o '$out' --base-url $base --quiet");
ok($rc == 0, "the site builds for $base", $o);

# every file of the site, as the URL path a client asks for
my @files;
find({ no_chdir => 1, wanted => sub { push @files, substr($_, length($out) + 1) if -f } }, $out);
@files = sort @files;
my @hidden = qw(_headers _redirects _nginx.conf .htaccess .badgesite-output);
my %hidden = map { $_ => 1 } @hidden;
my @served = grep { !$hidden{$_} } @files;
ok(@served > 20, scalar(@served) . " files to serve");

# --- _headers: parsed as Netlify and Cloudflare Pages read it ------------
my (@rules, @errs);
my $ln = 0;
for my $line (split /\n/, slurp("$out/_headers") // '') {
    $ln++;
    push @errs, "line $ln: longer than 2000 characters" if length($line) > 2000;
    next if $line =~ /^\s*(#|$)/;
    if ($line =~ m{^(/\S*)$}) {
        my $p = $1;
        push @errs, "line $ln: more than one * in '$p'" if ($p =~ tr/*//) > 1;
        push @errs, "line $ln: '$p' is not under /fw/" unless $p =~ m{^/fw/};
        push @rules, { path => $p, headers => [] };
    } elsif ($line =~ /^[ \t]+([!#\$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(\S.*?)\s*$/) {
        @rules ? push(@{ $rules[-1]{headers} }, [lc $1, $2]) : push(@errs, "line $ln: a header before any path");
    } else {
        push @errs, "line $ln: neither a path, a header nor a comment: '$line'";
    }
}
push @errs, "more than 100 rules (Cloudflare's limit)" if @rules > 100;
push @errs, "rule $_->{path} sets no header" for grep { !@{ $_->{headers} } } @rules;
ok(@rules && !@errs, "_headers parses: " . scalar(@rules) . " rules, one splat at most, every path under /fw/", @errs);
sub glob_re { my $g = quotemeta(shift); $g =~ s/\\\*/.*/g; qr/^$g$/ }
$_->{re} = glob_re($_->{path}) for @rules;
# the headers a host sends for URL path u: those of every rule that
# matches; a header set by two matching rules would be joined with ", "
sub netlify {
    my ($u) = @_;
    my (%h, @twice);
    for my $r (grep { $u =~ $_->{re} } @rules) {
        for (@{ $r->{headers} }) { push @twice, "$u: $_->[0]" if exists $h{ $_->[0] }; $h{ $_->[0] } = $_->[1] }
    }
    return (\%h, @twice);
}
my @twice = map { my (undef, @t) = netlify("/fw/$_"); @t } @served;
ok(!@twice, "no header of any file is set by two rules", @twice);

# --- .htaccess: what can be checked without Apache -----------------------
my (%addtype, %charset, %aph, @redir, @aerr, $errdoc);
$ln = 0;
for my $line (split /\n/, slurp("$out/.htaccess") // '') {
    $ln++;
    next if $line =~ /^\s*(#|$)/;
    if ($line =~ m{^AddType ([a-z]+/[a-z0-9.+-]+) ((?:\.[a-z0-9]+ ?)+)$}) { $addtype{$_} = $1 for map { substr($_, 1) } split / /, $2 }
    elsif ($line =~ m{^AddCharset utf-8 ((?:\.[a-z0-9]+ ?)+)$}) { $charset{$_} = 1 for map { substr($_, 1) } split / /, $1 }
    elsif ($line =~ m{^Header always set ([A-Za-z-]+) "([^"]*)"$}) { $aph{lc $1} = $2 }
    elsif ($line =~ m{^ErrorDocument 404 (/\S+)$}) { $errdoc = $1 }
    elsif ($line =~ m{^RedirectMatch (301|404) "(\^/fw/[^"]*\$)"(?: "(/fw/[^"]*)")?$} && ($1 == 404) == !defined $3) {
        my ($code, $re, $to) = ($1, $2, $3);
        my $qr = eval { qr/$re/ };
        $qr ? push(@redir, [$code, $qr, $to]) : push(@aerr, "line $ln: bad regular expression: $@");
    } else { push @aerr, "line $ln: unknown directive or wrong arguments: '$line'" }
}
ok(!@aerr && %addtype && $errdoc && $errdoc eq '/fw/404.html', ".htaccess holds only known directives with well-formed arguments, its paths under /fw/", @aerr);
sub apache_redirect { my ($u) = @_; for (@redir) { return ($_->[0], $_->[2]) if $u =~ $_->[1] } return () }
my @a404 = grep { (apache_redirect("/fw/$_"))[0] // 0 } @served;
ok(!@a404 && (apache_redirect('/fw/_headers'))[0] == 404 && (apache_redirect('/fw/.htaccess'))[0] == 404
   && (apache_redirect('/fw/_nginx.conf'))[0] == 404, "its RedirectMatch 404 hides the host files and nothing else", @a404);

# --- nginx, unprivileged, serving root/fw/ with the snippet --------------
my $conf = <<"EOF";
worker_processes 1;
daemon off;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $ngx/tmp/body;
    proxy_temp_path $ngx/tmp/proxy;
    fastcgi_temp_path $ngx/tmp/fastcgi;
    uwsgi_temp_path $ngx/tmp/uwsgi;
    scgi_temp_path $ngx/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $ngx/root;
        include $out/_nginx.conf;
    }
}
EOF
spew("$ngx/nginx.conf", $conf);
# as root, nginx runs as nobody: its folders and the site must be readable
my ($uid, $gid) = (getpwnam('nobody'))[2, 3];
if ($> == 0) {
    chmod(0755, $tmp, $ngx, "$ngx/root");
    system('chown', '-R', "$uid:$gid", $ngx) == 0 or die;
}
sub as_user { if ($> == 0) { setgid($gid); $) = "$gid $gid"; setuid($uid) or die "setuid: $!" } }
# exec'd as a list, with no shell between: the pid is nginx's master
my @cmd = ($nginx, '-p', $ngx, '-c', "$ngx/nginx.conf", '-e', "$ngx/error.log");
my $tpid = open(my $th, '-|') // die;
unless ($tpid) { open(STDERR, '>&', \*STDOUT); as_user(); exec { $cmd[0] } @cmd, '-t' or exit 127 }
my $test = do { local $/; <$th> };
close $th;
ok($? == 0 && $test !~ /\[(warn|emerg|alert|crit)\]/, "nginx -t accepts the snippet without a warning, as user " . ($> == 0 ? 'nobody' : $>), $test);
$nginx_pid = fork() // die;
unless ($nginx_pid) { open(STDERR, '>', "$ngx/stderr") or die; as_user(); exec { $cmd[0] } @cmd or exit 127 }
my $up;
for (1 .. 100) { $up = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port) and last; select(undef, undef, undef, 0.05) }
ok($up, "nginx listens on 127.0.0.1:$port", slurp("$ngx/error.log") // '', slurp("$ngx/stderr") // '') or done();
close $up;

# one request: status, headers (lower-case names; repeated ones joined), body
sub get {
    my ($path) = @_;
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Timeout => 5) or die "connect: $!";
    binmode $s;
    print $s "GET $path HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nConnection: close\r\n\r\n";
    my $r = do { local $/; <$s> } // '';
    my ($head, $body) = split /\r\n\r\n/, $r, 2;
    my @l = split /\r\n/, $head // '';
    my ($status) = (shift(@l) // '') =~ m{^HTTP/1\.[01] (\d{3})};
    my %h;
    for (@l) { my ($k, $v) = /^([^:]+):\s*(.*)$/ or next; $k = lc $k; $h{$k} = exists $h{$k} ? "$h{$k}, $v" : $v }
    return { status => $status // 0, h => \%h, body => $body // '' };
}
sub show { my $r = shift; join "\n", "status $r->{status}", map { "$_: $r->{h}{$_}" } sort keys %{ $r->{h} } }

my $json = get('/fw/badges/course-pass/badge.json');
ok($json->{status} == 200 && ($json->{h}{'content-type'} // '') eq 'application/json; charset=utf-8',
   "badge.json is application/json; charset=utf-8", show($json));
ok(($json->{h}{'access-control-allow-origin'} // '') eq '*', "with Access-Control-Allow-Origin: * for browser-side verifiers", show($json));
ok(($json->{h}{'cache-control'} // '') eq 'no-cache' && $json->{h}{etag} && $json->{h}{'last-modified'},
   "and Cache-Control: no-cache, with an ETag and Last-Modified to revalidate", show($json));
ok($json->{body} =~ m{"id": "\Q${base}\Ebadges/course-pass/badge\.json"}, "served under the sub-path, its id is its own URL");
my $r = get('/fw/issuers/centre.json');
ok($r->{status} == 200 && ($r->{h}{'content-type'} // '') eq 'application/json; charset=utf-8' && ($r->{h}{'access-control-allow-origin'} // '') eq '*',
   "the issuer Profile likewise", show($r));
$r = get('/fw/contexts/framework-v1.jsonld');
ok($r->{status} == 200 && ($r->{h}{'content-type'} // '') eq 'application/ld+json' && ($r->{h}{'access-control-allow-origin'} // '') eq '*',
   "the JSON-LD context is application/ld+json, readable from any origin", show($r));
$r = get('/fw/badges/course-pass/badge.svg');
ok($r->{status} == 200 && ($r->{h}{'content-type'} // '') eq 'image/svg+xml' && ($r->{h}{'cache-control'} // '') eq 'no-cache',
   "badge.svg is image/svg+xml exactly (no charset: verifiers compare the type as a string), revalidated", show($r));
$r = get('/fw/badges/course-pass/badge.png');
ok($r->{status} == 200 && ($r->{h}{'content-type'} // '') eq 'image/png' && ($r->{h}{'cache-control'} // '') eq 'no-cache'
   && substr($r->{body}, 0, 8) eq "\x89PNG\r\n\x1a\n", "badge.png is image/png, revalidated", show($r));
$r = get('/fw/badges/course-pass/');
ok($r->{status} == 200 && ($r->{h}{'content-type'} // '') eq 'text/html; charset=utf-8' && ($r->{h}{'cache-control'} // '') eq 'no-cache'
   && $r->{body} eq slurp("$out/badges/course-pass/index.html"), "the criteria page is text/html; charset=utf-8 and never kept stale", show($r));
$r = get('/fw/');
ok($r->{status} == 200 && $r->{body} eq slurp("$out/index.html"), "the home page is at the sub-path", show($r));

$r = get('/fw/badges/meetup/');
ok($r->{status} == 301 && ($r->{h}{location} // '') =~ m{^(?:http://127\.0\.0\.1:$port)?/fw/badges/meetup-participant/$},
   "the renamed badge's old page answers 301 to its new address", show($r));
$r = get('/fw/badges/meetup/badge.json');
ok($r->{status} == 200 && $r->{body} eq slurp("$out/badges/meetup/badge.json"), "while its old JSON stays published as it was", show($r));

$r = get('/fw/no/such/page/');
ok($r->{status} == 404 && $r->{body} eq slurp("$out/404.html") && ($r->{h}{'content-type'} // '') eq 'text/html; charset=utf-8',
   "an unknown path under the sub-path gets the site's 404 page with status 404", show($r));
for my $f (@hidden) {
    $r = get("/fw/$f");
    ok($r->{status} == 404 && $r->{body} eq slurp("$out/404.html"), "/fw/$f is not served", show($r));
}

# every file: served, revalidated, readable from any origin, typed as
# _headers and .htaccess type it
my (@bad, %seen, %nginx_said);
for my $f (@served) {
    my $u = "/fw/$f";
    $u =~ s{index\.html$}{};
    $r = get($u);
    $nginx_said{$u} = $r;
    my $ct = $r->{h}{'content-type'} // '';
    my ($ext) = $f =~ /\.([^.\/]+)$/;
    my ($nh) = netlify($u);
    my $apache = $addtype{$ext // ''} ? $addtype{$ext} . ($charset{$ext} ? '; charset=utf-8' : '') : '';
    push @bad, "$u: status $r->{status}" if $r->{status} != 200 && !($r->{status} == 301 && $f =~ m{^badges/meetup/(v\d+/)?index\.html$});
    next if $r->{status} != 200;
    $seen{$ct}++;
    push @bad, "$u: no type of its own ($ct)" if $ct eq '' || $ct =~ m{octet-stream};
    push @bad, "$u: Cache-Control '" . ($r->{h}{'cache-control'} // '') . "'" if ($r->{h}{'cache-control'} // '') ne 'no-cache';
    push @bad, "$u: no CORS" if ($r->{h}{'access-control-allow-origin'} // '') ne '*';
    push @bad, "$u: nginx says $ct, .htaccess $apache" if $apache ne $ct;
    push @bad, "$u: nginx says $ct, _headers " . ($nh->{'content-type'} // 'nothing')
        if $f !~ /\.html$/ && ($nh->{'content-type'} // '') ne $ct;
    push @bad, "$u: _headers sends Cache-Control '" . ($nh->{'cache-control'} // '') . "'" if ($nh->{'cache-control'} // '') ne 'no-cache';
    push @bad, "$u: _headers sends no CORS" if ($nh->{'access-control-allow-origin'} // '') ne '*';
}
ok(!@bad, "every one of the " . scalar(@served) . " files is served the same way by nginx, _headers and .htaccess ("
   . join(', ', map { "$_ ×$seen{$_}" } sort keys %seen) . ")", @bad);

# the 301s are the same data in all three files
my @nr;
my $nconf = slurp("$out/_nginx.conf") // '';
push @nr, "$1 $2" while $nconf =~ m{location = "(/fw/[^"]*)" \{\s*return 301 "(/fw/[^"]*)";}g;
@nr = sort @nr;
my @rr = sort map { /^(\S+) (\S+) 301$/ ? "$1 $2" : () } split /\n/, slurp("$out/_redirects") // '';
my @ar = sort map { my ($c, $to) = apache_redirect($_); $c && $c == 301 ? "$_ $to" : () } map { (split / /)[0] } @rr;
ok(@rr && "@nr" eq "@rr" && "@ar" eq "@rr", "_redirects, _nginx.conf and .htaccess hold the same 301s", "redirects: @rr", "nginx: @nr", "apache: @ar");

# nginx logs each 404 at level error: those are the requests above
my @log = grep { /\[(warn|emerg|alert|crit|error)\]/ && !/No such file or directory/ } split /\n/, slurp("$ngx/error.log") // '';
ok(!@log, "nginx logged no warning and no error but the 404s asked for", @log);
kill('TERM', $nginx_pid);
waitpid($nginx_pid, 0);
$nginx_pid = undef;
ok(!IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port), "nginx is stopped");

# --- Apache, unprivileged, serving the same folder with the .htaccess ----
my ($apache) = grep { -x } map { "$_/apache2" } split(/:/, $ENV{PATH} // ''), '/usr/sbin';
ok($apache, "Apache is installed (make check installs the Debian package)") or done();
my $ap = "$tmp/apache";
mkdir($ap) or die;
my $mods = '/usr/lib/apache2/modules';
my $user = $> == 0 ? "User nobody\nGroup #$gid\n" : '';
# the site was built for nginx's port, now free: Apache answers on it
spew("$ap/httpd.conf", <<"EOF");
ServerRoot $ap
PidFile $ap/httpd.pid
Listen 127.0.0.1:$port
ServerName 127.0.0.1
${user}LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
LoadModule headers_module $mods/mod_headers.so
LoadModule alias_module $mods/mod_alias.so
LoadModule dir_module $mods/mod_dir.so
ErrorLog $ap/error.log
LogLevel warn
TypesConfig /dev/null
DocumentRoot $ngx/root
DirectoryIndex index.html
<Directory $ngx/root>
    AllowOverride FileInfo
    Require all granted
</Directory>
EOF
if ($> == 0) { chmod(0755, $ap); system('chown', '-R', "$uid:$gid", $ap) == 0 or die }
my @acmd = ($apache, '-f', "$ap/httpd.conf");
($rc, $o) = run("'$apache' -f '$ap/httpd.conf' -t");
ok($rc == 0 && $o =~ /Syntax OK/, "apache2 -t accepts the configuration", $o);
$apache_pid = fork() // die;
unless ($apache_pid) { open(STDERR, '>', "$ap/stderr") or die; exec { $acmd[0] } @acmd, '-X' or exit 127 }
for (1 .. 100) { $up = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port) and last; select(undef, undef, undef, 0.05) }
ok($up, "Apache listens on 127.0.0.1:$port", slurp("$ap/error.log") // '', slurp("$ap/stderr") // '') or done();
close $up;
my @adiff;
for my $u (sort keys %nginx_said) {
    my ($x, $y) = ($nginx_said{$u}, get($u));
    for my $k (qw(content-type cache-control access-control-allow-origin x-content-type-options location)) {
        # a redirect's body and its type are the server's own
        next if $k eq 'content-type' && $x->{status} == 301;
        my ($a, $b) = ($x->{h}{$k} // '', $y->{h}{$k} // '');
        # nginx may give the Location as a path, Apache as a whole URL
        ($a, $b) = map { s{^http://127\.0\.0\.1:$port}{}r } $a, $b if $k eq 'location';
        push @adiff, "$u: $k: nginx '$a', Apache '$b'" if $a ne $b;
    }
    push @adiff, "$u: status nginx $x->{status}, Apache $y->{status}" if $x->{status} != $y->{status};
    push @adiff, "$u: a different body" if $x->{status} == 200 && $x->{body} ne $y->{body};
}
ok(!@adiff, "Apache with the .htaccess answers all " . scalar(keys %nginx_said) . " files as nginx does (status, type, caching, CORS)",
   @adiff[0 .. ($#adiff < 20 ? $#adiff : 20)]);
$r = get('/fw/badges/meetup/');
ok($r->{status} == 301 && ($r->{h}{location} // '') =~ m{^(?:http://127\.0\.0\.1:$port)?/fw/badges/meetup-participant/$},
   "Apache: the renamed badge's old page answers 301 to its new address", show($r));
$r = get('/fw/no/such/page/');
ok($r->{status} == 404 && $r->{body} eq slurp("$out/404.html") && ($r->{h}{'content-type'} // '') eq 'text/html; charset=utf-8',
   "Apache: an unknown path gets the site's 404 page with status 404", show($r));
my @ahid = grep { get("/fw/$_")->{status} != 404 } @hidden;
ok(!@ahid, "Apache serves none of the host files", @ahid);
my @alog = grep { /\[[a-z_]+:(warn|emerg|alert|crit)\]/ } split /\n/, slurp("$ap/error.log") // '';
ok(!@alog, "Apache logged no warning", @alog);
kill('TERM', $apache_pid);
waitpid($apache_pid, 0);
$apache_pid = undef;

# a site at the root of its host: the same files, with / as the prefix
($rc, $o) = run("'$bin' build '$site' -o '$tmp/rootsite' --base-url http://127.0.0.1:8000/ --quiet");
my ($h2, $n2) = (slurp("$tmp/rootsite/_headers") // '', slurp("$tmp/rootsite/_nginx.conf") // '');
ok($rc == 0 && $h2 =~ m{^/\*\n  Cache-Control: no-cache$}m && $h2 =~ m{^/\*\.json$}m && $n2 =~ m{^location "/" \{$}m
   && $n2 =~ m{location = "/badges/meetup/" \{\s*return 301 "/badges/meetup-participant/";}, "at the root of a host, the paths start at /", $o, $h2, $n2);
done();
