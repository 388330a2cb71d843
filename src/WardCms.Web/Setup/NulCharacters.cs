namespace WardCms.Web.Setup;

/// <summary>
/// NUL (U+0000) is no text: PostgreSQL cannot store it, and ASP.NET Core's form reader refuses a form
/// holding one ("The form value contains invalid characters"), which failed the antiforgery check and
/// lost everything typed. Handled once, for every page and endpoint, before any of them reads input:
/// in a query string of the staff pages and the API it is refused (400, naming the parameter), on the
/// public pages, which never refuse input, it is dropped; in a posted form it is dropped, and the page
/// is told (<see cref="DroppedFromFormItem"/>) so it can say so. In a URL every '%' starts an escape,
/// so removing "%00" removes exactly the NULs.
/// </summary>
public static class NulCharacters
{
    /// <summary>HttpContext item set when NULs were dropped from the posted form.</summary>
    public const string DroppedFromFormItem = "WardCms.NulDroppedFromForm";

    /// <summary>Early in the pipeline, before any page or endpoint reads the query or the form.</summary>
    public static WebApplication UseNulRefusal(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            if (QueryNul(ctx.Request) is { } name)
            {
                if (!IsStaffOrApi(ctx.Request))
                {
                    // Public pages never refuse what a citizen typed (docs/api.md, the search page): the NUL is dropped.
                    ctx.Request.QueryString = new QueryString(ctx.Request.QueryString.Value!.Replace("%00", "", StringComparison.Ordinal));
                }
                else
                {
                    ctx.Items[ErrorResponses.MessageItem] = $"Tham số “{name}” trên địa chỉ chứa ký tự NUL (%00), không được phép. Hãy xóa ký tự đó rồi thử lại.";
                    ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
            }
            if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.ContentType is { } type
                && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                ctx.Request.Body = new NulDroppingStream(ctx.Request.Body, ctx);
                ctx.Request.ContentLength = null; // each dropped NUL makes the body three bytes shorter
            }
            await next(ctx);
        });
        return app;
    }

    private static bool IsStaffOrApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/admin") || request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/api");

    // %00 is how a NUL arrives in a query; the query is decoded only when one may be there.
    private static string? QueryNul(HttpRequest request)
    {
        if (request.QueryString.Value is not { } raw || !raw.Contains("%00", StringComparison.Ordinal))
        {
            return null;
        }
        foreach (var (key, values) in request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return key.Replace("\0", "", StringComparison.Ordinal);
            }
        }
        return null;
    }

    // In a URL-encoded body every '%' starts an escape, so "%00" is always a NUL and never part of another
    // escape ("%2500" is "%00" typed as text). Filtered as the body streams in, so nothing is buffered here.
    private sealed class NulDroppingStream(Stream inner, HttpContext ctx) : Stream
    {
        private readonly byte[] _chunk = new byte[16 * 1024];
        private readonly byte[] _out = new byte[16 * 1024 + 2];
        private int _outStart;
        private int _outEnd;
        private int _state; // 0: plain; 1: after '%'; 2: after "%0"
        private bool _eof;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_outStart == _outEnd && !_eof)
            {
                Filter(await inner.ReadAsync(_chunk, cancellationToken));
            }
            return Drain(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_outStart == _outEnd && !_eof)
            {
                Filter(inner.Read(_chunk, 0, _chunk.Length));
            }
            return Drain(buffer.AsSpan(offset, count));
        }

        private int Drain(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, _outEnd - _outStart);
            _out.AsSpan(_outStart, count).CopyTo(buffer);
            _outStart += count;
            return count;
        }

        private void Filter(int read)
        {
            _outStart = _outEnd = 0;
            if (read == 0)
            {
                _eof = true;
                EmitHeld(_state);
                return;
            }
            foreach (var b in _chunk.AsSpan(0, read))
            {
                if (_state == 2 && b == '0')
                {
                    _state = 0;
                    ctx.Items[DroppedFromFormItem] = true;
                    continue;
                }
                if (_state == 1 && b == '0')
                {
                    _state = 2;
                    continue;
                }
                EmitHeld(_state);
                _state = b == '%' ? 1 : 0;
                if (_state == 0)
                {
                    _out[_outEnd++] = b;
                }
            }
        }

        // The held start of what was not a NUL after all: "%" or "%0".
        private void EmitHeld(int state)
        {
            if (state >= 1)
            {
                _out[_outEnd++] = (byte)'%';
            }
            if (state == 2)
            {
                _out[_outEnd++] = (byte)'0';
            }
            _state = 0;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
