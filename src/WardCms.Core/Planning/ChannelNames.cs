namespace WardCms.Core.Planning;

/// <summary>What a content type's channel key (recipe data) is called in reports, in Vietnamese.</summary>
public static class ChannelNames
{
    public static string Display(string? channel) => channel switch
    {
        "portal" => "Trang thông tin điện tử",
        "radio" => "Đài truyền thanh",
        "handbook" => "Cẩm nang điện tử",
        "citypage" => "Trang CCHC Thành phố",
        null or "" => "",
        _ => channel, // a ward's own channel: its key is the only name it has
    };
}
