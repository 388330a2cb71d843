using System.Buffers.Binary;

namespace WardCms.Core.Media;

internal enum StructureError
{
    None,
    Truncated,
    Corrupt,
}

/// <summary>A piece of an image file: a JPEG segment, a PNG chunk, a GIF block or a RIFF chunk.</summary>
/// <param name="Tag">JPEG marker, PNG/RIFF four-character code as an int, or GIF block label.</param>
/// <param name="Offset">Where the piece starts in the file (including its header).</param>
/// <param name="Length">Its whole length (header, payload, CRC/padding).</param>
/// <param name="PayloadOffset">Where its payload starts.</param>
/// <param name="PayloadLength">Length of the payload.</param>
internal readonly record struct Block(int Tag, int Offset, int Length, int PayloadOffset, int PayloadLength);

internal sealed class WalkResult
{
    public List<Block> Blocks { get; } = [];
    public StructureError Error { get; set; }

    /// <summary>Offset just past the format's end marker; anything after it is trailing data.</summary>
    public int End { get; set; }
}

/// <summary>
/// Walks image containers without decoding pixels, so the inspector can find truncation and the
/// stripper can drop metadata blocks. Every length read from the file is checked against the
/// bytes actually present before it is used.
/// </summary>
internal static class ImageStructure
{
    public const int JpegEntropyData = -1;

    public static int FourCc(string code) => BinaryPrimitives.ReadInt32BigEndian([(byte)code[0], (byte)code[1], (byte)code[2], (byte)code[3]]);

    public static WalkResult WalkJpeg(ReadOnlySpan<byte> data)
    {
        var result = new WalkResult();
        var pos = 2; // after SOI
        while (true)
        {
            if (pos >= data.Length)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            if (data[pos] != 0xFF)
            {
                result.Error = StructureError.Corrupt;
                return result;
            }
            var start = pos;
            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++; // fill bytes
            }
            if (pos >= data.Length)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            var marker = data[pos++];
            if (marker == 0xD9)
            {
                result.Blocks.Add(new Block(marker, start, pos - start, pos, 0));
                result.End = pos;
                return result;
            }
            if (marker == 0x00 || marker == 0xD8)
            {
                result.Error = StructureError.Corrupt;
                return result;
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                result.Blocks.Add(new Block(marker, start, pos - start, pos, 0));
                continue;
            }
            if (pos + 2 > data.Length)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            var segmentLength = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (segmentLength < 2)
            {
                result.Error = StructureError.Corrupt;
                return result;
            }
            if (pos + segmentLength > data.Length)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            result.Blocks.Add(new Block(marker, start, pos + segmentLength - start, pos + 2, segmentLength - 2));
            pos += segmentLength;
            if (marker != 0xDA)
            {
                continue;
            }

            // Entropy-coded data runs until a marker that is neither a stuffed 0xFF00 nor a restart marker.
            var scanStart = pos;
            while (true)
            {
                var next = data[pos..].IndexOf((byte)0xFF);
                if (next < 0 || pos + next + 1 >= data.Length)
                {
                    result.Error = StructureError.Truncated;
                    return result;
                }
                pos += next;
                var following = data[pos + 1];
                if (following == 0x00 || following is >= 0xD0 and <= 0xD7)
                {
                    pos += 2;
                    continue;
                }
                if (following == 0xFF)
                {
                    pos++;
                    continue;
                }
                break;
            }
            result.Blocks.Add(new Block(JpegEntropyData, scanStart, pos - scanStart, scanStart, pos - scanStart));
        }
    }

    public static WalkResult WalkPng(ReadOnlySpan<byte> data)
    {
        var result = new WalkResult();
        var pos = 8;
        while (true)
        {
            if (pos + 12 > data.Length)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            if (length > int.MaxValue)
            {
                result.Error = StructureError.Corrupt;
                return result;
            }
            var type = BinaryPrimitives.ReadInt32BigEndian(data[(pos + 4)..]);
            if ((long)pos + 12 + length > data.Length)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            var whole = 12 + (int)length;
            result.Blocks.Add(new Block(type, pos, whole, pos + 8, (int)length));
            pos += whole;
            if (type == FourCc("IEND"))
            {
                result.End = pos;
                return result;
            }
        }
    }

    public const int GifExtension = 0x21;
    public const int GifImage = 0x2C;
    public const int GifTrailer = 0x3B;

    /// <summary>Blocks carry the extension label in the high byte for extensions (0x21FE = comment).</summary>
    public static WalkResult WalkGif(ReadOnlySpan<byte> data)
    {
        var result = new WalkResult();
        if (data.Length < 13)
        {
            result.Error = StructureError.Truncated;
            return result;
        }
        var pos = 13;
        var packed = data[10];
        if ((packed & 0x80) != 0)
        {
            pos += 3 * (1 << ((packed & 7) + 1));
        }
        while (true)
        {
            if (pos >= data.Length)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            var start = pos;
            var introducer = data[pos];
            int tag;
            int payloadOffset;
            switch (introducer)
            {
                case GifTrailer:
                    result.Blocks.Add(new Block(GifTrailer, pos, 1, pos + 1, 0));
                    result.End = pos + 1;
                    return result;
                case GifExtension:
                    if (pos + 2 > data.Length)
                    {
                        result.Error = StructureError.Truncated;
                        return result;
                    }
                    tag = (GifExtension << 8) | data[pos + 1];
                    pos += 2;
                    payloadOffset = pos;
                    break;
                case GifImage:
                    if (pos + 11 > data.Length)
                    {
                        result.Error = StructureError.Truncated;
                        return result;
                    }
                    tag = GifImage;
                    var localPacked = data[pos + 9];
                    pos += 10;
                    if ((localPacked & 0x80) != 0)
                    {
                        pos += 3 * (1 << ((localPacked & 7) + 1));
                    }
                    payloadOffset = pos;
                    pos++; // LZW minimum code size
                    break;
                default:
                    result.Error = StructureError.Corrupt;
                    return result;
            }
            // Data sub-blocks: a size byte, that many bytes, until a zero size.
            while (true)
            {
                if (pos >= data.Length)
                {
                    result.Error = StructureError.Truncated;
                    return result;
                }
                var size = data[pos++];
                if (size == 0)
                {
                    break;
                }
                pos += size;
            }
            result.Blocks.Add(new Block(tag, start, pos - start, payloadOffset, pos - payloadOffset));
        }
    }

    public static WalkResult WalkWebp(ReadOnlySpan<byte> data)
    {
        var result = new WalkResult();
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize < 4 || riffSize > int.MaxValue - 8)
        {
            result.Error = StructureError.Corrupt;
            return result;
        }
        var end = 8 + (int)riffSize;
        if (end > data.Length)
        {
            result.Error = StructureError.Truncated;
            return result;
        }
        var pos = 12;
        while (pos < end)
        {
            if (pos + 8 > end)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            var type = BinaryPrimitives.ReadInt32BigEndian(data[pos..]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
            var padded = (long)size + (size & 1);
            if (pos + 8 + padded > end)
            {
                result.Error = StructureError.Truncated;
                return result;
            }
            result.Blocks.Add(new Block(type, pos, 8 + (int)padded, pos + 8, (int)size));
            pos += 8 + (int)padded;
        }
        result.End = end;
        return result;
    }
}
